/**
 * Vocabularies for generated records, most frequent first (the generators draw them Zipf-like). Names are written as
 * agents type them, accents included; duplicates after accent folding are removed where the lists are used.
 */

export const HISPANIC_GIVEN = [
  'José', 'Juan', 'María', 'Luis', 'Guadalupe', 'Carlos', 'Jesús', 'Miguel', 'Francisco', 'Antonio', 'Jorge', 'Alejandro',
  'Pedro', 'Manuel', 'Roberto', 'Juana', 'Ricardo', 'Fernando', 'Margarita', 'Eduardo', 'Javier', 'Verónica', 'Rafael',
  'Leticia', 'Daniel', 'Rosa', 'Sergio', 'Raúl', 'Francisca', 'Mario', 'Arturo', 'Alejandra', 'Alberto', 'Patricia',
  'Héctor', 'Gabriela', 'Óscar', 'Adriana', 'Enrique', 'Claudia', 'Víctor', 'Araceli', 'Martín', 'Silvia', 'Ramón',
  'Martha', 'Armando', 'Laura', 'Gerardo', 'Ana', 'Andrés', 'Sofía', 'Rubén', 'Fernanda', 'Salvador', 'Daniela',
  'Alfredo', 'Valeria', 'Guillermo', 'Mariana', 'Ernesto', 'Ximena', 'Ángel', 'Yesenia', 'Gabriel', 'Lucía', 'Hugo',
  'Isabel', 'Rodolfo', 'Carmen', 'Gustavo', 'Teresa', 'Adrián', 'Dolores', 'Pablo', 'Josefina', 'Jaime', 'Gloria',
  'Julio', 'Beatriz', 'Felipe', 'Irma', 'Diego', 'Norma', 'Ignacio', 'Rocío', 'Alfonso', 'Lourdes', 'Marco',
  'Esperanza', 'Agustín', 'Alicia', 'Tomás', 'Cecilia', 'Joaquín', 'Mónica', 'Rogelio', 'Sandra', 'Mauricio', 'Elena',
  'Cristian', 'Karina', 'Jonathan', 'Paola', 'Brayan', 'Diana', 'Giovanni', 'Andrea', 'Iván', 'Jimena', 'Omar',
  'Fátima', 'Saúl', 'Reyna', 'Israel', 'Aurora', 'Abel', 'Consuelo', 'Efraín', 'Inés', 'Gilberto', 'Luz', 'Horacio',
  'Estela', 'Humberto', 'Mercedes', 'Leonardo', 'Pilar', 'Lorenzo', 'Soledad', 'Moisés', 'Yolanda', 'Nicolás',
  'Gisela', 'Octavio', 'Itzel', 'Ramiro', 'Nayeli', 'Santiago', 'Citlali', 'Sebastián', 'Xóchitl', 'Teodoro',
  'Abigail', 'Ulises', 'Natalia', 'Valentín', 'Victoria', 'Emilio', 'Camila', 'Esteban', 'Fidel', 'Gonzalo', 'Ismael',
  'Joel', 'Lázaro', 'Noé', 'Reynaldo', 'Samuel', 'Abraham', 'Isaac', 'Elías', 'Benjamín', 'Ezequiel', 'Federico',
  'Rigoberto', 'Heriberto', 'Leopoldo', 'Marcelino', 'Maximiliano', 'Baltazar', 'Crispín', 'Edgar', 'Elizabeth',
];

export const ANGLO_GIVEN = [
  'James', 'Mary', 'John', 'Jennifer', 'Robert', 'Linda', 'Michael', 'Barbara', 'William', 'Susan', 'David', 'Jessica',
  'Richard', 'Sarah', 'Joseph', 'Karen', 'Thomas', 'Nancy', 'Charles', 'Lisa', 'Christopher', 'Betty', 'Matthew',
  'Dorothy', 'Anthony', 'Ashley', 'Mark', 'Kimberly', 'Donald', 'Emily', 'Steven', 'Donna', 'Paul', 'Michelle',
  'Andrew', 'Carol', 'Joshua', 'Amanda', 'Kenneth', 'Melissa', 'Kevin', 'Deborah', 'Brian', 'Stephanie', 'George',
  'Rebecca', 'Timothy', 'Sharon', 'Ronald', 'Cynthia', 'Edward', 'Kathleen', 'Jason', 'Amy', 'Jeffrey', 'Shirley',
  'Ryan', 'Angela', 'Jacob', 'Helen', 'Gary', 'Anna', 'Nicholas', 'Brenda', 'Eric', 'Pamela', 'Stephen', 'Nicole',
  'Larry', 'Samantha', 'Justin', 'Katherine', 'Scott', 'Emma', 'Brandon', 'Ruth', 'Frank', 'Christine', 'Gregory',
  'Catherine', 'Raymond', 'Debra', 'Patrick', 'Rachel', 'Jack', 'Carolyn', 'Dennis', 'Janet', 'Jerry', 'Virginia',
  'Tyler', 'Heather', 'Aaron', 'Henry', 'Douglas', 'Peter', 'Adam', 'Nathan', 'Zachary', 'Walter', 'Kyle', 'Harold',
  'Carl', 'Jeremy', 'Keith', 'Roger', 'Gerald', 'Ethan', 'Arthur', 'Terry', 'Christian', 'Sean', 'Lawrence', 'Austin',
  'Noah', 'Jesse', 'Albert', 'Bryan', 'Billy', 'Bruce', 'Willie', 'Jordan', 'Dylan', 'Alan', 'Wayne', 'Roy', 'Ralph',
];

export const ARABIC_GIVEN = ['Mohammed', 'Ahmed', 'Ali', 'Yusuf', 'Hussein', 'Hassan', 'Khalid', 'Abdullah', 'Ibrahim', 'Tariq'];

export const HISPANIC_SURNAMES = [
  'García', 'Hernández', 'Martínez', 'López', 'González', 'Rodríguez', 'Pérez', 'Sánchez', 'Ramírez', 'Cruz', 'Flores',
  'Gómez', 'Morales', 'Vázquez', 'Reyes', 'Jiménez', 'Torres', 'Díaz', 'Gutiérrez', 'Ruiz', 'Mendoza', 'Aguilar',
  'Ortiz', 'Moreno', 'Castillo', 'Romero', 'Álvarez', 'Méndez', 'Chávez', 'Rivera', 'Juárez', 'Ramos', 'Domínguez',
  'Herrera', 'Medina', 'Castro', 'Vargas', 'Guzmán', 'Velázquez', 'Muñoz', 'Rojas', 'Contreras', 'Salazar', 'Luna',
  'Ortega', 'Santiago', 'Guerrero', 'Estrada', 'Bautista', 'Cortés', 'Soto', 'Alvarado', 'Espinoza', 'Lara', 'Ávila',
  'Ríos', 'Cervantes', 'Silva', 'Delgado', 'Vega', 'Márquez', 'Sandoval', 'Carrillo', 'León', 'Mejía', 'Solís',
  'Núñez', 'Rosas', 'Valdez', 'Ibarra', 'Campos', 'Santos', 'Camacho', 'Navarro', 'Peña', 'Maldonado', 'Rosales',
  'Acosta', 'Molina', 'Fuentes', 'Zúñiga', 'Cabrera', 'Robles', 'Trejo', 'Cárdenas', 'Miranda', 'Salinas', 'Tapia',
  'Fernández', 'Pacheco', 'Escobar', 'Valencia', 'Orozco', 'Montes', 'Velasco', 'Avendaño', 'Padilla', 'Ponce',
  'Barrera', 'Figueroa', 'Ochoa', 'Galván', 'Beltrán', 'Villanueva', 'Pineda', 'Villegas', 'Osorio', 'Zamora',
  'Arellano', 'Cisneros', 'Lozano', 'Benítez', 'Rangel', 'Carmona', 'Trujillo', 'Sosa', 'Hidalgo', 'Huerta', 'Olvera',
  'Serrano', 'Vera', 'Mora', 'Bravo', 'Sierra', 'Vélez', 'Montoya', 'Duarte', 'Cuevas', 'Ruelas', 'Quintero',
  'Aguirre', 'Guerra', 'Marín', 'Nava', 'Enríquez', 'Aguilera', 'Arias', 'Valenzuela', 'Zavala', 'Salas', 'Gallegos',
  'Nieto', 'Palacios', 'Rubio', 'Calderón', 'Cano', 'Cortez', 'Lugo', 'Esparza', 'Esquivel', 'Meza', 'Quiroz', 'Rocha',
  'Santana', 'Tovar', 'Vallejo', 'Ayala', 'Barajas', 'Bernal', 'Cordero', 'Cuéllar', 'Dávila', 'Escamilla', 'Farías',
  'Galindo', 'Garza', 'Granados', 'Jaramillo', 'Lira', 'Macías', 'Manzano', 'Mata', 'Mercado', 'Murillo', 'Olivares',
  'Paredes', 'Partida', 'Quintana', 'Rentería', 'Salgado', 'Sepúlveda', 'Tamayo', 'Uribe', 'Varela', 'Villarreal',
  'Zapata', 'Zepeda', 'Alcántara', 'Amador', 'Arroyo', 'Becerra', 'Bermúdez', 'Blanco', 'Bustamante', 'Cadena',
  'Calvillo', 'Casillas', 'Castañeda', 'Ceballos', 'Corona', 'Correa', 'Coronado', 'Chacón', 'de la Cruz',
  'de la Rosa', 'de León', 'del Ángel', 'del Río', 'Echeverría', 'Elizondo', 'Espinosa', 'Franco', 'Gallardo',
  'Gaytán', 'Gil', 'Godínez', 'Guillén', 'Ibáñez', 'Lemus', 'Leyva', 'Limón', 'Loera', 'Lucero', 'Madrigal', 'Magaña',
  'Mancilla', 'Medrano', 'Meléndez', 'Mireles', 'Montalvo', 'Montañez', 'Monroy', 'Montenegro', 'Moya', 'Nájera',
  'Naranjo', 'Negrete', 'Noriega', 'Ocampo', 'Olmos', 'Ornelas', 'Pantoja', 'Parra', 'Peralta', 'Pizarro',
  'Plascencia', 'Porras', 'Prado', 'Quezada', 'Razo', 'Reséndiz', 'Reynoso', 'Rico', 'Rivas', 'Roldán', 'Saavedra',
  'Sáenz', 'Salcedo', 'Samaniego', 'Saucedo', 'Segura', 'Solano', 'Soria', 'Suárez', 'Tello', 'Terrazas', 'Toledo',
  'Toro', 'Treviño', 'Urbina', 'Valadez', 'Valle', 'Vela', 'Venegas', 'Verdugo', 'Vidal', 'Villa', 'Villalobos',
  'Yáñez', 'Zaragoza', 'Zárate', 'Ábrego', 'Acevedo', 'Adame', 'Alanís', 'Alarcón', 'Almaraz', 'Altamirano',
  'Andrade', 'Anaya', 'Aranda', 'Arce', 'Armenta', 'Arriaga', 'Baeza', 'Balderas', 'Banda', 'Barrios', 'Barrón',
  'Bonilla', 'Briones', 'Burgos', 'Caballero', 'Carbajal', 'Carrasco', 'Cázares', 'Cedillo', 'Covarrubias',
  'Delgadillo', 'Durán', 'Escalante', 'Espino', 'Frías', 'Gamboa', 'Garibay', 'Guevara', 'Hinojosa', 'Jasso',
  'Ledesma', 'Loya', 'Luján', 'Mares', 'Marroquín', 'Mendiola', 'Meraz', 'Moctezuma', 'Murguía', 'Ojeda', 'Ocaña',
];

export const ANGLO_SURNAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas',
  'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young',
  'Allen', 'King', 'Wright', 'Scott', 'Hill', 'Green', 'Adams', 'Baker', 'Nelson', 'Carter', 'Mitchell', 'Roberts',
  'Turner', 'Phillips', 'Campbell', 'Parker', 'Evans', 'Edwards', 'Collins', 'Stewart', 'Morris', 'Murphy', 'Cook',
  'Rogers', 'Morgan', 'Peterson', 'Cooper', 'Reed', 'Bailey', 'Bell', 'Kelly', 'Howard', 'Ward', 'Cox', 'Richardson',
  'Wood', 'Watson', 'Brooks', 'Bennett', 'Gray', 'James', 'Hughes', 'Price', 'Sanders', 'Myers', 'Long', 'Ross',
  'Foster', 'Powell', 'Jenkins', 'Perry', 'Russell', 'Sullivan', 'Fisher', 'Henderson', 'Coleman', 'Simmons',
  'Patterson', 'Jordan', 'Reynolds', 'Hamilton', 'Graham', 'Wallace', 'Woods', 'Cole', 'West', 'Owens', 'Marshall',
  'Ellis', 'Stevens', 'Gibson', 'Murray', 'Ford', 'Wells', 'Webb', 'Tucker', 'Porter', 'Hunter', 'Hicks', 'Crawford',
  'Henry', 'Boyd', 'Mason', 'Kennedy', 'Warren', 'Dixon', 'Burns', 'Gordon', 'Shaw', 'Holmes', 'Rice', 'Hunt', 'Black',
  'Daniels', 'Palmer', 'Mills', 'Grant', 'Knight', 'Ferguson', 'Stone', 'Hawkins', 'Dunn', 'Perkins', 'Hudson',
  'Spencer', 'Gardner', 'Stephens', 'Payne', 'Pierce', 'Berry', 'Matthews', 'Arnold', 'Wagner', 'Willis', 'Ray',
  'Watkins', 'Olson', 'Carroll', 'Duncan', 'Snyder', 'Hart', 'Cunningham', 'Bradley', 'Lane', 'Andrews', 'Harper',
  'Fox', 'Riley', 'Armstrong', 'Carpenter', 'Weaver', 'Greene', 'Lawrence', 'Elliott', 'Sims', 'Austin', 'Peters',
  'Kelley', 'Franklin', 'Lawson', 'Fields', 'Ryan', 'Schmidt', 'Carr', 'Hansen', 'Weber', 'Hoffman', 'Bishop', 'Burke',
  'Nichols', 'Dean', 'Chapman', 'Oliver', 'Montgomery', 'Richards', 'Williamson', 'Johnston', 'Banks', 'Meyer',
  'McDonald', "O'Brien", "O'Connor", 'McCarthy', 'MacKenzie',
];

export const ARABIC_SURNAMES = ['Haddad', 'Khalil', 'Mansour', 'Nasser', 'Saleh', 'Hamdan', 'Abboud', 'Karam'];

/**
 * Spellings of one name that agents write interchangeably (transliterations, Spanish b/v, y/i, s/z and similar).
 * Keys are the spellings stored; values are what another agency may type.
 */
export const SPELLING_VARIANTS: Record<string, string[]> = {
  Mohammed: ['Muhammad', 'Mohamed', 'Mohammad'], Ahmed: ['Ahmad'], Yusuf: ['Youssef', 'Yousef'], Hussein: ['Husein', 'Hussain'],
  Hassan: ['Hasan'], Khalid: ['Khaled'], Abdullah: ['Abdallah'], Ibrahim: ['Ebrahim'], Tariq: ['Tarek'],
  Jonathan: ['Jhonatan', 'Johnathan'], Cristian: ['Christian', 'Kristian'], Brayan: ['Bryan'], Giovanni: ['Geovanni', 'Yovani'],
  Ximena: ['Jimena'], Jimena: ['Ximena'], Yesenia: ['Jesenia'], Katherine: ['Catherine', 'Kathryn'], Stephen: ['Steven'],
  Jeffrey: ['Geoffrey'], Sean: ['Shawn', 'Shaun'], Elizabeth: ['Elisabeth'], Isabel: ['Ysabel'], Edgar: ['Edgard'],
  Vázquez: ['Vásquez', 'Velásquez'], Velázquez: ['Velásquez'], Ibarra: ['Ybarra'], Zepeda: ['Cepeda'],
  Jiménez: ['Giménez', 'Ximénez'], Chávez: ['Chaves'], Valdez: ['Valdés'], Sáenz: ['Sáinz'], Yáñez: ['Yanes'],
  Méndez: ['Mendes'], Beltrán: ['Veltrán'], Villalobos: ['Billalobos'], Haddad: ['Hadad'], Khalil: ['Jalil'],
  Mansour: ['Mansur'], Cervantes: ['Servantes'], Zavala: ['Savala'], Bravo: ['Brabo'],
};

/** One-word street monikers a case file records for a subject (issue 21's "known as"). */
export const MONIKERS = [
  'Chapo', 'Mencho', 'Güero', 'Flaco', 'Gordo', 'Chato', 'Chuy', 'Mayito', 'Tigre', 'Lobo', 'Alacrán', 'Cuervo', 'Pelón',
  'Compadre', 'Chino', 'Negro', 'Caballo', 'Zorro', 'Gallo', 'Toro', 'Tuerto', 'Cholo', 'Huero', 'Nene', 'Chaparro',
  'Jaguar', 'Halcón', 'Venado', 'Coyote', 'Pollo', 'Canelo', 'Marrano', 'Tlacuache', 'Gato', 'Mudo', 'Zurdo', 'Cabo',
  'Metro', 'Ingeniero', 'Licenciado', 'Doctor', 'Profe', 'Padrino', 'Viejo', 'Greñas', 'Botas', 'Cachetes', 'Cejas',
];

/** Centres operations cluster around (border crossings first): lat, lon, weight. */
export const CITIES: readonly [string, number, number, number][] = [
  ['Tijuana', 32.5149, -117.0382, 6], ['San Diego', 32.7157, -117.1611, 4], ['Mexicali', 32.6245, -115.4523, 3],
  ['Nogales AZ', 31.3404, -110.9343, 3], ['Nogales SON', 31.3086, -110.9422, 3], ['Tucson', 32.2226, -110.9747, 3],
  ['Phoenix', 33.4484, -112.074, 4], ['Ciudad Juarez', 31.6904, -106.4245, 5], ['El Paso', 31.7619, -106.485, 4],
  ['Laredo', 27.5306, -99.4803, 3], ['Nuevo Laredo', 27.4763, -99.5164, 3], ['McAllen', 26.2034, -98.23, 3],
  ['Reynosa', 26.0508, -98.2979, 3], ['Matamoros', 25.8697, -97.5027, 2], ['Brownsville', 25.9017, -97.4975, 2],
  ['Houston', 29.7604, -95.3698, 4], ['Dallas', 32.7767, -96.797, 3], ['San Antonio', 29.4241, -98.4936, 3],
  ['Los Angeles', 34.0522, -118.2437, 5], ['Albuquerque', 35.0844, -106.6504, 2], ['Denver', 39.7392, -104.9903, 2],
  ['Chicago', 41.8781, -87.6298, 4], ['Atlanta', 33.749, -84.388, 3], ['Miami', 25.7617, -80.1918, 4],
  ['New York', 40.7128, -74.006, 4], ['Seattle', 47.6062, -122.3321, 2], ['Detroit', 42.3314, -83.0458, 2],
  ['Vancouver', 49.2827, -123.1207, 2], ['Toronto', 43.6532, -79.3832, 3], ['Montreal', 45.5017, -73.5673, 2],
  ['Monterrey', 25.6866, -100.3161, 4], ['Guadalajara', 20.6597, -103.3496, 4], ['Mexico City', 19.4326, -99.1332, 6],
  ['Culiacan', 24.8091, -107.394, 4], ['Hermosillo', 29.0729, -110.9559, 2], ['Chihuahua', 28.6353, -106.0889, 2],
  ['Cancun', 21.1619, -86.8515, 2], ['Veracruz', 19.1738, -96.1342, 2], ['Acapulco', 16.8531, -99.8237, 2],
  ['Morelia', 19.706, -101.195, 2],
];

export const STREET_NAMES = [
  'Morelos', 'Hidalgo', 'Juárez', 'Reforma', 'Madero', 'Zaragoza', 'Independencia', 'Revolución', 'Insurgentes',
  'Main', 'Oak', 'Maple', 'Cedar', 'Elm', 'Washington', 'Lincoln', 'Mesa', 'Sunset', 'Border', 'Industrial',
];
export const STREET_KINDS = ['Calle', 'Avenida', 'Boulevard', 'Street', 'Avenue', 'Road', 'Drive', 'Carretera'];
export const NEIGHBOURHOODS = ['Colonia Centro', 'Colonia Libertad', 'Colonia Obrera', 'Col. Industrial', '', '', 'Apt 4', 'Suite 210'];
export const EMAIL_DOMAINS = ['gmail.com', 'hotmail.com', 'yahoo.com.mx', 'outlook.com', 'protonmail.com', 'icloud.com'];
export const PLATE_REGIONS = ['US-AZ', 'US-TX', 'US-CA', 'US-NM', 'MX-SON', 'MX-BC', 'MX-CHH', 'MX-TAM', 'MX-NLE', 'CA-ON'];
export const US_AREA_CODES = ['520', '602', '915', '956', '619', '213', '312', '713', '214', '210', '305', '404', '212', '505', '303'];
export const MX_AREA_CODES = ['664', '686', '631', '656', '867', '899', '868', '81', '33', '667', '662', '614'];
export const ORG_WORDS = [
  'Transportes', 'Comercializadora', 'Importadora', 'Logística', 'Grupo', 'Servicios', 'Distribuidora', 'Agrícola',
  'Freight', 'Holdings', 'Trading', 'Imports', 'Logistics', 'Outfitters', 'Tactical', 'Supply',
];
export const ORG_FORMS = ['S.A. de C.V.', 'LLC', 'Inc.', 'S. de R.L.', '', 'Ltd.'];
export const SERIAL_PREFIXES = ['AB', 'CX', 'DR', 'GL', 'KM', 'RS', 'SW', 'TX', 'MP', 'FN', 'HK', 'ZB'];
