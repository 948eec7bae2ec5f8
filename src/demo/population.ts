/**
 * Who lives in the demo district: heritage groups with their names, home languages
 * and shares, modelled loosely on a large Central Valley district such as Fresno
 * Unified (about 69% Hispanic, 11% Asian, mostly Hmong, 8% Black, 9% white; about
 * 85% economically disadvantaged; about one student in five an English learner).
 * Staff are drawn with their own, different, shares.
 */

export type Heritage = 'hispanic' | 'hmong' | 'southAsian' | 'otherAsian' | 'black' | 'white' | 'arab';

export interface HeritageGroup {
  female: readonly string[];
  male: readonly string[];
  family: readonly string[];
  /** Home languages with weights; English included. */
  languages: readonly (readonly [string, number])[];
  /** Country of birth of a newcomer (an English learner born abroad). */
  newcomerCountry: string;
  economicallyDisadvantaged: number;
}

export const STUDENT_HERITAGE: readonly (readonly [Heritage, number])[] = [
  ['hispanic', 0.695],
  ['hmong', 0.075],
  ['southAsian', 0.025],
  ['otherAsian', 0.02],
  ['black', 0.075],
  ['white', 0.1],
  ['arab', 0.01],
];

export const STAFF_HERITAGE: readonly (readonly [Heritage, number])[] = [
  ['hispanic', 0.34],
  ['hmong', 0.07],
  ['southAsian', 0.04],
  ['otherAsian', 0.04],
  ['black', 0.07],
  ['white', 0.42],
  ['arab', 0.02],
];

export const HERITAGE: Record<Heritage, HeritageGroup> = {
  hispanic: {
    female: [
      'Sofía', 'Isabella', 'Camila', 'Valentina', 'Ximena', 'Daniela', 'Guadalupe', 'Mariana', 'Jimena', 'Alondra',
      'Natalia', 'Andrea', 'Fernanda', 'Yesenia', 'Leslie', 'Jazmín', 'Génesis', 'Victoria', 'Melanie', 'Ashley',
      'Itzel', 'Karla', 'Vanessa', 'María', 'Lucía', 'Abigail', 'Emily', 'Dulce', 'Esmeralda', 'Araceli',
    ],
    male: [
      'Santiago', 'Mateo', 'Diego', 'José', 'Luis', 'Juan', 'Carlos', 'Miguel', 'Jesús', 'Ángel',
      'Adrián', 'Alejandro', 'Emiliano', 'Fernando', 'Jorge', 'Christopher', 'Anthony', 'Julian', 'Isaac', 'Sebastián',
      'Daniel', 'Eduardo', 'Ricardo', 'Javier', 'Manuel', 'Gael', 'Leonardo', 'Iván', 'Oscar', 'Rubén',
    ],
    family: [
      'García', 'Hernández', 'Martínez', 'López', 'González', 'Rodríguez', 'Pérez', 'Sánchez', 'Ramírez', 'Torres',
      'Flores', 'Rivera', 'Gómez', 'Díaz', 'Cruz', 'Morales', 'Reyes', 'Gutiérrez', 'Ortiz', 'Chávez',
      'Ruiz', 'Mendoza', 'Vásquez', 'Castillo', 'Jiménez', 'Moreno', 'Romero', 'Herrera', 'Medina', 'Aguilar',
      'Vargas', 'Castro', 'Ramos', 'Contreras', 'Guzmán', 'Salazar', 'Delgado', 'Cervantes', 'Zamora', 'Barajas',
      'Garcia', 'Hernandez', 'Martinez', 'Lopez', 'Gonzalez', 'Rodriguez', 'Perez', 'Sanchez', 'Ramirez', 'Alvarez',
      'Navarro', 'Espinoza', 'Valencia', 'Ochoa', 'Magaña', 'Villalobos', 'Sandoval', 'Ibarra', 'Rosales', 'Montes',
    ],
    languages: [['Spanish', 0.62], ['English', 0.38]],
    newcomerCountry: 'MX',
    economicallyDisadvantaged: 0.89,
  },
  hmong: {
    female: ['Mai', 'Pa', 'Nou', 'Yer', 'Kia', 'Choua', 'Bao', 'Der', 'Ka', 'Mai Nou', 'Pa Nhia', 'Sheng', 'Houa', 'Maiv', 'Txiab'],
    male: ['Tou', 'Xeng', 'Pao', 'Chue', 'Kou', 'Fue', 'Neng', 'Tong', 'Koua', 'Nhia', 'Lue', 'Seng', 'Toua', 'Cheng', 'Long'],
    family: ['Vang', 'Xiong', 'Yang', 'Lee', 'Thao', 'Her', 'Moua', 'Lor', 'Vue', 'Lo', 'Khang', 'Chang', 'Hang', 'Cha', 'Kue', 'Yang'],
    languages: [['Hmong', 0.72], ['English', 0.28]],
    newcomerCountry: 'TH',
    economicallyDisadvantaged: 0.9,
  },
  southAsian: {
    female: ['Simran', 'Harleen', 'Jasleen', 'Navneet', 'Gurleen', 'Manpreet', 'Priya', 'Anika', 'Kiran', 'Rupinder'],
    male: ['Gurpreet', 'Harjot', 'Arjun', 'Jaskaran', 'Manveer', 'Rajveer', 'Amrit', 'Karan', 'Harman', 'Sukhdeep'],
    family: ['Singh', 'Kaur', 'Sandhu', 'Gill', 'Dhillon', 'Sidhu', 'Grewal', 'Bains', 'Sharma', 'Patel', 'Johal', 'Brar'],
    languages: [['Punjabi', 0.6], ['Hindi', 0.08], ['Urdu', 0.05], ['English', 0.27]],
    newcomerCountry: 'IN',
    economicallyDisadvantaged: 0.6,
  },
  otherAsian: {
    female: ['Linh', 'Anh', 'Vy', 'Mei', 'Kimberly', 'Sophia', 'Thuy', 'Sreymom', 'Noy', 'Angelica', 'Jasmine', 'Hana'],
    male: ['Minh', 'Khoa', 'Bao', 'Vinh', 'Kevin', 'Sovann', 'Somchai', 'Jericho', 'Ethan', 'Daniel', 'Huy', 'Vanna'],
    family: ['Nguyen', 'Tran', 'Le', 'Pham', 'Santos', 'Dela Cruz', 'Chan', 'Wong', 'Sok', 'Phommachanh', 'Keo', 'Saephan', 'Chao', 'Huynh'],
    languages: [['Vietnamese', 0.2], ['Khmer', 0.1], ['Lao', 0.1], ['Tagalog', 0.08], ['Mien', 0.06], ['Cantonese', 0.06], ['English', 0.4]],
    newcomerCountry: 'VN',
    economicallyDisadvantaged: 0.75,
  },
  black: {
    female: ['Aaliyah', 'Imani', 'Jada', 'Nia', 'Destiny', 'Kennedy', 'Zoe', 'Maya', 'Amara', 'Janae', 'Ayana', 'Brianna'],
    male: ['Jaylen', 'Malik', 'Darius', 'Isaiah', 'Elijah', 'Jordan', 'Marcus', 'Andre', 'Xavier', 'Cameron', 'Jamal', 'Khalil'],
    family: ['Johnson', 'Williams', 'Jackson', 'Brown', 'Davis', 'Thomas', 'Robinson', 'Harris', 'Washington', 'Walker', 'Coleman', 'Jenkins', 'Okafor', 'Mensah', 'Tesfaye', 'Bekele'],
    languages: [['English', 0.95], ['Amharic', 0.02], ['Tigrinya', 0.015], ['Somali', 0.015]],
    newcomerCountry: 'ET',
    economicallyDisadvantaged: 0.88,
  },
  white: {
    female: ['Emma', 'Olivia', 'Ava', 'Emily', 'Hannah', 'Abigail', 'Madison', 'Chloe', 'Grace', 'Lily', 'Claire', 'Anna', 'Ani', 'Nare'],
    male: ['Liam', 'Noah', 'William', 'Ethan', 'Jacob', 'Wyatt', 'Logan', 'Owen', 'Caleb', 'Henry', 'Dylan', 'Tyler', 'Aram', 'Davit'],
    family: [
      'Smith', 'Miller', 'Anderson', 'Wilson', 'Taylor', 'Moore', 'Martin', 'Thompson', 'Clark', 'Lewis', 'Hall', 'Young',
      'Allen', 'Wright', 'King', 'Scott', 'Baker', 'Nelson', 'Carter', 'Petrosyan', 'Hovsepian', 'Sarkisian', 'Kovalenko', 'Schmidt',
    ],
    languages: [['English', 0.9], ['Armenian', 0.05], ['Russian', 0.03], ['Ukrainian', 0.02]],
    newcomerCountry: 'AM',
    economicallyDisadvantaged: 0.5,
  },
  arab: {
    female: ['Fatima', 'Mariam', 'Layla', 'Noor', 'Amira', 'Huda', 'Sara', 'Yasmin'],
    male: ['Mohammed', 'Ali', 'Omar', 'Yusuf', 'Ahmed', 'Khaled', 'Ibrahim', 'Hamza'],
    family: ['Alawdi', 'Saleh', 'Mohamed', 'Hassan', 'Alghazali', 'Nasser', 'Almansoori', 'Qasem', 'Abdullah'],
    languages: [['Arabic', 0.78], ['English', 0.22]],
    newcomerCountry: 'YE',
    economicallyDisadvantaged: 0.9,
  },
};

/** Namesakes for schools, as a district names its campuses. */
export const SCHOOL_NAMESAKES = [
  'Addams', 'Aynesworth', 'Baird', 'Balderas', 'Bullard', 'Burroughs', 'Calwa', 'Carver', 'Cesar Chavez', 'Columbia',
  'Cooper', 'Dailey', 'Del Mar', 'Dolores Huerta', 'Easterby', 'Eaton', 'Ericson', 'Ewing', 'Figarden', 'Forkner',
  'Fremont', 'Gibson', 'Greenberg', 'Hamilton', 'Hidalgo', 'Holland', 'Homan', 'Hidden Valley', 'Jackson', 'Jefferson',
  'Kirk', 'Kratt', 'Lane', 'Lawless', 'Leavenworth', 'Lincoln', 'Lowell', 'Mayfair', 'McCardle', 'Manchester',
  'Malloch', 'Muir', 'Norseman', 'Olmos', 'Pyle', 'Roeding', 'Rowell', 'Sequoia', 'Slater', 'Starr',
  'Storey', 'Sunnyside', 'Tehipite', 'Terronez', 'Thomas', 'Turner', 'Vang Pao', 'Viking', 'Vinland', 'Wawona',
  'Webster', 'Williams', 'Wishon', 'Wolters', 'Yosemite', 'Ahwahnee', 'Birney', 'Centennial', 'Clinton', 'Duncan',
  'Edison', 'Fort Miller', 'Hoover', 'Kings Canyon', 'McLane', 'Roosevelt', 'Scandinavian', 'Tenaya', 'Tioga', 'Washington',
  'Bakman', 'Bethune', 'Dakota', 'Ayer', 'Kerman', 'Cedar', 'Maple', 'Shields', 'Clovis', 'Millbrook',
  'Orchard', 'Riverview', 'Sierra', 'Almond Grove', 'Blackstone', 'Willow', 'Herndon', 'Ashlan', 'Shaw', 'Tarpey',
] as const;

/** Names for grade-level teams in a middle or high school (trees and places of the Sierra). */
export const TEAM_NAMES = ['Sequoia', 'Redwood', 'Cedar', 'Sierra', 'Yosemite', 'Kings', 'Madrone', 'Manzanita', 'Tahoe', 'Whitney'] as const;
