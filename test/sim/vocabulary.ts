/**
 * The simulator's fixed vocabularies: names, companies, apps, groups, policies, factors, roles,
 * failure reasons, user agents, places and regions. Plain data; nothing here draws a number.
 */
export const FIRST = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William',
  'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Daniel', 'Lisa', 'Matthew',
  'Nancy', 'Anthony', 'Sandra', 'Mark', 'Ashley', 'Priya', 'Wei', 'Aisha', 'Mohammed', 'Olga', 'Hiroshi', 'Chloé',
  'José', 'Zoë', 'Søren', 'Anja', 'Lukas', 'Mateo', 'Fatima', 'Kwame', 'Ngozi', 'Raj', 'Mei', 'Ivan', 'Elena', 'Noah',
  'Emma', 'Liam', 'Olivia', 'Lucas', 'Mia', 'Ethan', 'Amara', 'Yusuf', 'Ines', 'Björn', 'Hana',
];
export const LAST = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez',
  'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez',
  'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen',
  'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Okonkwo', 'Müller', 'Schmidt', 'Kowalski',
  'Novak', 'Tanaka', 'Suzuki', 'Kim', 'Park', 'Chen', 'Wang', 'Singh', 'Patel', 'Kumar', 'Ivanova', 'Rossi',
  'Bianchi', 'Dubois', 'Lefèvre', 'Jansen',
];
export const COMPANY = [
  'Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark', 'Wayne', 'Wonka', 'Cyberdyne', 'Soylent', 'Tyrell',
  'Massive Dynamic', 'Aperture', 'Black Mesa', 'Vandelay', 'Pied Piper', 'Dunder Mifflin', 'Sterling Cooper',
  'Oscorp', 'Gringotts', 'Monarch', 'Nakatomi', 'Virtucon', 'Gekko', 'Prestige', 'Wernham Hogg', 'Bluth',
  'Krusty', 'Planet Express', 'Ollivanders', 'Duff', 'Contoso', 'Fabrikam', 'Northwind', 'Tailspin', 'Woodgrove',
  'Litware', 'Adatum', 'Proseware', 'Lamna', 'Fourth Coffee', 'Coho', 'Alpine Ski', 'Margie', 'Trey Research',
  'Wide World', 'Blue Yonder', 'Humongous', 'Relecloud', 'Southridge',
];
export const SUFFIX = ['Corp', 'Inc', 'Ltd', 'GmbH', 'Group', 'Holdings', 'Labs', 'Industries', 'Partners', 'AG'];
export const APPS = [
  'Salesforce', 'Slack', 'GitHub Enterprise', 'Google Workspace', 'Microsoft Office 365', 'Zoom', 'Atlassian Cloud',
  'AWS IAM Identity Center', 'Workday', 'ServiceNow', 'Box', 'Dropbox Business', 'DocuSign', 'Zendesk', 'HubSpot',
  'Tableau Cloud', 'Snowflake', 'Datadog', 'PagerDuty', 'Figma', 'Notion', 'Okta Admin Console', 'Okta Dashboard',
  'Jamf Pro', 'Expensify', 'BambooHR', 'Greenhouse', 'Miro', 'Asana', 'Zscaler',
];
export const GROUPS = [
  'Everyone', 'Engineering', 'Sales', 'Finance', 'HR', 'IT Admins', 'Contractors', 'Support', 'Marketing', 'Legal',
  'Executives', 'VPN Users', 'MFA Exempt', 'Security', 'Data Science', 'Remote Staff', 'Product', 'Interns',
];
export const POLICIES = [
  'Default Policy', 'Global Session Policy', 'Admin MFA Required', 'Contractors Sign-On', 'Okta Dashboard Policy',
  'High Risk Block', 'Passwordless FastPass', 'Legacy Apps', 'Device Assurance - Managed', 'Password Policy',
];
export const FACTORS: readonly [string, string][] = [
  ['Okta Verify', 'signed_nonce'], ['Okta Verify', 'push'], ['Google Authenticator', 'token:software:totp'],
  ['Phone', 'sms'], ['Phone', 'call'], ['Security Key or Biometric', 'webauthn'], ['Email', 'email'], ['Password', 'password'],
];
export const ROLES = ['SUPER_ADMIN', 'ORG_ADMIN', 'APP_ADMIN', 'USER_ADMIN', 'HELP_DESK_ADMIN', 'READ_ONLY_ADMIN'];
export const FAIL_REASONS = [
  'INVALID_CREDENTIALS', 'VERIFICATION_ERROR', 'LOCKED_OUT', 'Sign-on policy evaluation resulted in DENY',
  'User rejected Okta Verify push', 'FastPass declined phishing attempt', 'INVALID_OTP', 'UNKNOWN_USER',
  'Network zone blocked', 'Too many requests',
];

/** A few dozen user agents: [raw, os, browser]. */
export const USER_AGENTS: readonly [string, string, string][] = (() => {
  const out: [string, string, string][] = [];
  const oses: [string, string][] = [
    ['Windows NT 10.0; Win64; x64', 'Windows 10'],
    ['Macintosh; Intel Mac OS X 10_15_7', 'Mac OS X'],
    ['X11; Linux x86_64', 'Linux'],
    ['iPhone; CPU iPhone OS 17_5 like Mac OS X', 'iOS'],
    ['Linux; Android 14; Pixel 8', 'Android'],
  ];
  const browsers: [string, string][] = [
    ['AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36', 'CHROME'],
    ['AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36 Edg/125.0.0.0', 'EDGE'],
    ['Gecko/20100101 Firefox/127.0', 'FIREFOX'],
    ['AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15', 'SAFARI'],
    ['AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36', 'CHROME'],
  ];
  for (const [os, osName] of oses) for (const [b, bName] of browsers) out.push([`Mozilla/5.0 (${os}) ${b}`, osName, bName]);
  out.push(
    ['Okta Verify/9.20.0 (iOS 17.5; iPhone15,2)', 'iOS', 'UNKNOWN'],
    ['Okta Verify/9.19.1 (Android 14; Pixel 8)', 'Android', 'UNKNOWN'],
    ['OktaVerify/4.9.2.0 (Windows 10; x64)', 'Windows 10', 'UNKNOWN'],
    ['python-requests/2.32.3', 'Unknown', 'UNKNOWN'],
    ['okta-sdk-java/8.2.5 java/17.0.11 Linux/5.15', 'Linux', 'UNKNOWN'],
    ['Terraform/1.8.5 okta-terraform/4.9.0', 'Unknown', 'UNKNOWN'],
    ['curl/8.7.1', 'Unknown', 'UNKNOWN'],
    ['Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17726; Pro)', 'Windows 10', 'UNKNOWN'],
    ['Okta-Integrations', 'Unknown', 'UNKNOWN'],
    ['Jamf Pro SCIM client 11.6', 'Unknown', 'UNKNOWN'],
  );
  return out;
})();

/** Countries with their cities: [country, city, region, lat, lon]. */
export const PLACES: readonly [string, string, string, number, number][] = [
  ['United States', 'New York', 'New York', 40.71, -74.01], ['United States', 'San Francisco', 'California', 37.77, -122.42],
  ['United States', 'Chicago', 'Illinois', 41.88, -87.63], ['United States', 'Austin', 'Texas', 30.27, -97.74],
  ['United States', 'Seattle', 'Washington', 47.61, -122.33], ['Canada', 'Toronto', 'Ontario', 43.65, -79.38],
  ['Canada', 'Vancouver', 'British Columbia', 49.28, -123.12], ['Mexico', 'Mexico City', 'CDMX', 19.43, -99.13],
  ['Brazil', 'São Paulo', 'São Paulo', -23.55, -46.63], ['United Kingdom', 'London', 'England', 51.51, -0.13],
  ['United Kingdom', 'Manchester', 'England', 53.48, -2.24], ['Ireland', 'Dublin', 'Leinster', 53.35, -6.26],
  ['Germany', 'Berlin', 'Land Berlin', 52.52, 13.4], ['Germany', 'Munich', 'Bavaria', 48.14, 11.58],
  ['France', 'Paris', 'Île-de-France', 48.86, 2.35], ['Netherlands', 'Amsterdam', 'North Holland', 52.37, 4.9],
  ['Spain', 'Madrid', 'Madrid', 40.42, -3.7], ['Italy', 'Milan', 'Lombardy', 45.46, 9.19],
  ['Sweden', 'Stockholm', 'Stockholm', 59.33, 18.07], ['Poland', 'Warsaw', 'Mazovia', 52.23, 21.01],
  ['Switzerland', 'Zürich', 'Zurich', 47.37, 8.54], ['India', 'Bengaluru', 'Karnataka', 12.97, 77.59],
  ['India', 'Mumbai', 'Maharashtra', 19.08, 72.88], ['Singapore', 'Singapore', 'Singapore', 1.35, 103.82],
  ['Japan', 'Tokyo', 'Tokyo', 35.68, 139.69], ['Australia', 'Sydney', 'New South Wales', -33.87, 151.21],
  ['Australia', 'Melbourne', 'Victoria', -37.81, 144.96], ['South Africa', 'Johannesburg', 'Gauteng', -26.2, 28.05],
  ['Nigeria', 'Lagos', 'Lagos', 6.52, 3.38], ['Israel', 'Tel Aviv', 'Tel Aviv', 32.09, 34.78],
];

/** Regions, each with the UTC offsets its tenants work in and the places its people are. */
export const REGIONS: readonly { name: string; offsets: number[]; places: number[] }[] = [
  { name: 'amer', offsets: [-8, -7, -6, -5, -5, -4], places: [0, 1, 2, 3, 4, 5, 6, 7, 8] },
  { name: 'emea', offsets: [0, 1, 1, 2, 2], places: [9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 27, 28, 29] },
  { name: 'apac', offsets: [5.5, 8, 9, 10], places: [21, 22, 23, 24, 25, 26] },
];
