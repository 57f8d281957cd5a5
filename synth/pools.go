package synth

// The pools below are fabricated. Names are common given names and surnames drawn from many
// languages and combined at random, so no row describes a real person; companies are invented
// or Microsoft's documented fictitious names (Contoso, Fabrikam, Northwind…). Every string is
// NFC (precomposed), as LinkedIn writes them.

// nameGroup is one naming tradition: given names and surnames that read naturally together.
// Latin-script groups may lend given names to each other; the Greek and Cyrillic groups never
// mix scripts.
type nameGroup struct {
	weight int
	latin  bool
	first  []string
	last   []string
}

var nameGroups = []nameGroup{
	{14, true, // English
		[]string{"Olivia", "James", "Amelia", "Noah", "Harriet", "Oscar", "Grace", "Theo", "Ruby", "Callum", "Imogen", "Felix", "Maren", "Jordan", "Eleanor", "Rhys", "Tabitha", "Owen", "Hazel", "Declan"},
		[]string{"Holtby", "Pike", "Ashworth", "Blackwood", "Cartwright", "Dunmore", "Fairley", "Greaves", "Hollis", "Kingsley", "Langford", "Merriman", "Northcote", "Pemberton", "Radcliffe", "Sutton", "Thorne", "Whitlock", "Yardley", "Quell"}},
	{10, true, // German
		[]string{"Lukas", "Jürgen", "Katrin", "Sören", "Mareike", "Henrik", "Annika", "Jörg", "Ute", "Felicitas", "Matthias", "Bärbel", "Till", "Friederike", "Dörte", "Malte", "Hannelore", "Götz", "Wiebke", "Ansgar"},
		[]string{"Brandt", "Köhler", "Weiß", "Schäfer", "Hoffmann", "Vogt", "Krüger", "Lindemann", "Böhm", "Seidel", "Groß", "Fuchs", "Neumann", "Ostermann", "Zöllner", "Häberle", "Dreßler", "Jäger", "Voß", "Mühlbauer"}},
	{8, true, // Nordic
		[]string{"Søren", "Åsa", "Björn", "Ingrid", "Sigrún", "Ólafur", "Freja", "Mads", "Liv", "Eskil", "Ragnhild", "Astrid", "Jørgen", "Signe", "Dagný", "Tuva", "Bjørn", "Hjördís", "Nils", "Kjersti"},
		[]string{"Ødegaard", "Lindqvist", "Sørensen", "Halvorsen", "Åberg", "Bergström", "Nyström", "Thorsdóttir", "Jónsson", "Kjær", "Dahl", "Løvlie", "Sandvik", "Ekström", "Holm", "Fjeldstad", "Håkansson", "Østergaard", "Sæther", "Lundgren"}},
	{9, true, // French
		[]string{"Chloé", "Agnès", "Étienne", "Renée", "Hélène", "Benoît", "Amélie", "Jérôme", "Léa", "Maëlle", "Gaël", "Océane", "Clément", "Zoë", "Anaïs", "Frédéric", "Gwenaëlle", "Loïc", "Cécile", "Raphaël"},
		[]string{"Lefèvre", "Dubois", "Moreau", "Girard", "Rousseau", "Bérenger", "Fontaine", "Mercier", "Chevalier", "Lemaître", "Garnier", "Faure", "Duchêne", "Roussel", "Laurent", "Lacroix", "Mérieux", "Perrault", "Delacôte", "Beaulieu"}},
	{10, true, // Spanish and Portuguese
		[]string{"José", "María", "Inês", "João", "Sérgio", "Lucía", "Andrés", "Ramón", "Begoña", "Íñigo", "Mónica", "Tomás", "Conceição", "Raúl", "Ana", "Joaquín", "Estêvão", "Leonor", "Ximena", "Álvaro"},
		[]string{"García", "Núñez", "Ibáñez", "Peña", "Muñoz", "Fernández", "Gonçalves", "Araújo", "Magalhães", "Castillo", "Ortega", "Rodríguez", "Salgado", "Vieira", "Ruiz", "Calderón", "Esteves", "Mendonça", "Villalobos", "Sánchez"}},
	{8, true, // Polish, Czech and Balkan
		[]string{"Łukasz", "Małgorzata", "Wojciech", "Agnieszka", "Jiří", "Tereza", "Dušan", "Milica", "Ivana", "Bożena", "Krzysztof", "Zdeněk", "Jelena", "Tomasz", "Ines", "Radovan", "Kateřina", "Grzegorz", "Vesna", "Přemysl"},
		[]string{"Ilić", "Kowalczyk", "Wiśniewska", "Nowak", "Dvořák", "Novotná", "Petrović", "Jovanović", "Żero", "Zieliński", "Šimek", "Marković", "Kralj", "Szymańska", "Horvat", "Varga", "Brandt-Ilić", "Krejčí", "Wróbel", "Babić"}},
	{6, true, // Turkish
		[]string{"Ece", "Gökhan", "Şebnem", "Emre", "Ayşe", "Oğuz", "Zeynep", "Burak", "Çağla", "Mert", "Elif", "Tuğba", "Kaan", "Selin", "Barış", "Gülşen", "Doruk", "Nilüfer", "Cem", "Özge"},
		[]string{"Çelik", "Yılmaz", "Demir", "Şahin", "Aydın", "Öztürk", "Kılıç", "Arslan", "Doğan", "Kaya", "Koç", "Güneş", "Özdemir", "Aksoy", "Korkmaz", "Tekin", "Yıldız", "Bozkurt", "Erol", "Karataş"}},
	{6, true, // Vietnamese
		[]string{"Thảo", "Minh", "Huyền", "Quang", "Lan", "Đức", "Phương", "Tuấn", "Ngọc", "Hải", "Linh", "Bảo", "Trang", "Khoa", "Vy", "Thư", "Hưng", "Mai", "Nhật", "Yến"},
		[]string{"Ngô", "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Dương", "Lý", "Võ", "Trương", "Đinh", "Lương", "Tạ", "Mai", "Quách"}},
	{10, true, // Indian
		[]string{"Priyanka", "Arjun", "Ananya", "Rohan", "Kavya", "Vikram", "Meera", "Siddharth", "Ishaan", "Nandini", "Aditi", "Karthik", "Deepa", "Rahul", "Sneha", "Tanvi", "Varun", "Lakshmi", "Nikhil", "Pooja"},
		[]string{"Iyer", "Menon", "Raghavan", "Kulkarni", "Bhattacharya", "Nair", "Deshpande", "Chatterjee", "Reddy", "Malhotra", "Pillai", "Joshi", "Banerjee", "Rao", "Sethi", "Venkatesh", "Ghosh", "Kapoor", "Subramanian", "Mehta"}},
	{6, true, // West African
		[]string{"Chiamaka", "Kwame", "Adaeze", "Tunde", "Folake", "Kofi", "Ngozi", "Emeka", "Abena", "Yaw", "Amara", "Obinna", "Efua", "Sade", "Chidi", "Kwabena", "Ifeoma", "Yetunde", "Kojo", "Adjoa"},
		[]string{"Oduya", "Okafor", "Mensah", "Adeyemi", "Boateng", "Nwosu", "Asante", "Okonkwo", "Owusu", "Adebayo", "Eze", "Darko", "Ogunleye", "Appiah", "Nnamdi", "Agyeman", "Olatunji", "Acheampong", "Chukwu", "Bello"}},
	{8, true, // East Asian, romanised
		[]string{"Wei", "Mei", "Hiroshi", "Yuki", "Jiwoo", "Seo-yeon", "Haruto", "Xin", "Jun", "Sakura", "Minjun", "Lin", "Kenta", "Hana", "Bo", "Ryo", "Yuna", "Hao", "Daisuke", "Eun-ji"},
		[]string{"Chan", "Lee", "Tanaka", "Watanabe", "Kim", "Park", "Zhang", "Liu", "Sato", "Nakamura", "Choi", "Huang", "Yamamoto", "Jeong", "Lin", "Takahashi", "Wong", "Kobayashi", "Han", "Zhou"}},
	{2, false, // Greek: genitive surnames, which are the same for every gender
		[]string{"Νίκος", "Ελένη", "Γιώργος", "Δημήτρης", "Κατερίνα", "Σοφία", "Αλέξανδρος", "Ιωάννα", "Παναγιώτης", "Χριστίνα", "Βασίλης", "Ευαγγελία"},
		[]string{"Ιωάννου", "Γεωργίου", "Νικολάου", "Οικονόμου", "Αντωνίου", "Δημητρίου", "Κωνσταντίνου", "Χριστοδούλου", "Παύλου", "Αθανασίου", "Μιχαήλ", "Σταύρου"}},
	{3, false, // Cyrillic: Ukrainian -enko and -uk surnames, which are the same for every gender
		[]string{"Олена", "Андрій", "Ірина", "Дмитро", "Ольга", "Сергій", "Наталія", "Богдан", "Марія", "Тарас", "Оксана", "Юлія"},
		[]string{"Коваленко", "Шевченко", "Бондаренко", "Ткаченко", "Кравченко", "Петренко", "Мельник", "Ковальчук", "Сидоренко", "Лисенко", "Савчук", "Марченко"}},
}

// nameSuffixes are the credentials some members append to their last name, which LinkedIn
// then shows as "Ines Varga, PhD" in every display name.
var nameSuffixes = []string{"MBA", "PhD", "CFA", "PMP", "MSc"}

// companyPool is fabricated: Microsoft's fictitious company names plus invented ones. Some
// carry commas or non-ASCII letters on purpose.
var companyPool = []string{
	"Northwind Ferries", "Fabrikam GmbH", "Contoso Research", "Quell, Ostrander & Partners",
	"Tailspin Toys", "Wingtip Logistics", "Adventure Works Cycles", "Litware Inc.",
	"Proseware Systems", "Woodgrove Bank", "Coho Winery", "Alpine Ski House",
	"Humongous Insurance", "Lucerne Publishing", "Margie's Travel", "Trey Research",
	"Wide World Importers", "Consolidated Messenger", "Fourth Coffee", "VanArsdel Ltd.",
	"Relecloud", "Aldervale Logistics", "Brightwater Analytics", "Kestrel Peak Robotics",
	"Quillfeather Labs", "Marrowstone Health", "Tidewater Ferries", "Ostrava Glassworks s.r.o.",
	"Harbour, Field and Stone LLP", "Brandt, Ilić & Co.", "Søndergaard Rådgivning ApS",
	"Müller & Söhne GmbH", "Çelik Yazılım A.Ş.", "Ngô Trading Co.", "Lumière Conseil SAS",
	"Peña Ingeniería S.L.", "Vinterhav Energi AS", "Copperleaf Payments", "Greywood Capital",
	"Saltmarsh Biotech", "Ironbridge Cloud", "Bluefen Data", "Larkspur Media",
	"Hollowfield Manufacturing", "Emberline Security", "Stonechat Software", "Meridian Drift",
	"Oakhaven Foods", "Silverbirch Consulting", "Redkite Mobility", "Foxglove Pharma",
	"Windrose Aerospace", "Thistledown Retail", "Cobaltline Telecom", "Juniper Fold Studio",
	"Nordlys Shipping AB", "Κυκλάδες Λογισμικό Α.Ε.", "Північний Вітер ТОВ", "Baobab Payments Ltd",
	"Sakura Lane K.K.", "Indigo Banyan Pvt. Ltd.", "Pampa Verde S.A.", "Trollhaugen Invest",
	"Azure Heron Partners", "Lindqvist Maritime AB", "Ravenscar Advisory", "Mistral Grid SAS",
}

// highTitles score at least 0.7 on the seniority table of SPEC §3.3 (C-level, founder,
// partner 1.0; VP and head of 0.85; director 0.7), a few in German, French and Spanish.
var highTitles = []string{
	"Chief Executive Officer", "Chief Operating Officer", "Chief Financial Officer",
	"Chief Technology Officer", "Chief Procurement Officer", "Chief Information Officer",
	"CEO", "CTO", "Founder", "Co-Founder & CEO", "Partner", "Managing Partner",
	"Managing Director", "VP Engineering", "VP of Sales", "Vice President, Operations",
	"SVP Product", "Head of Procurement", "Head of Data", "Head of Partnerships", "Head of IT",
	"Head of Supply Chain", "Director of Operations", "Director, Strategic Accounts",
	"Engineering Director", "Sales Director", `Director, "Project Atlas" Programme`,
	"Geschäftsführerin", "Geschäftsführer", "Directrice commerciale",
	"Directrice des opérations", "Directora de Operaciones", "Directora General",
}

// lowTitles score 0.2 on the seniority table, or 0.35 for "Senior …"; none contains lead,
// manager, principal, staff, head, director, partner, owner or president.
var lowTitles = []string{
	"Software Engineer", "Data Analyst", "Consultant", "Associate", "Marketing Specialist",
	"Project Coordinator", "Business Analyst", "QA Engineer", "Financial Analyst",
	"Sales Associate", "Support Specialist", "Research Analyst", "Procurement Specialist",
	"Operations Coordinator", "Junior Consultant", "Data Engineer", "Account Associate",
	"Logistics Coordinator", "Test Engineer", "HR Specialist", "Ingénieure logiciel",
	"Analista de datos", "Beraterin", `Engineer, Platform "Core" Team`,
	"Senior Consultant", "Senior Software Engineer", "Senior Analyst",
}

var skills = []string{
	"Go (Programming Language)", "Distributed Systems", "Project Management",
	"Stakeholder Management", "Negotiation", "Data Analysis", "Supply Chain Management",
	"Public Speaking", "Research, Development and Innovation (RDI)", "Cloud Computing",
	"Team Leadership", "Agile Methodologies", "Business Strategy", "SQL",
	"Contract Management", "Partnerships", "Product Management", "Logistics",
}

// sentences are neutral, fabricated message fragments; a message joins one to three of them
// with the double space that LinkedIn leaves where it flattened a line break.
var sentences = []string{
	"Thanks, see you Thursday.", "Agenda attached.", "Sounds good to me.",
	"Could we move the call to 3pm?", "Great to connect!", "I'll send the slides tonight.",
	"Happy to help with the intro.", "Let me check with the team and come back to you.",
	"Congrats on the new role!", "Free for a quick call this week?",
	"Here is the link to the deck.", "Noted, thanks for the update.",
	"Looking forward to the workshop.", "Can you share the draft by Friday?",
	"Done, shared the folder with you.", "Thanks for the kind words.",
	"We're on track for the pilot.", "Who is booking the room?",
	"I'll loop in our procurement team.", "Quick reminder about tomorrow's review.",
	"Travelling this week, back on Monday.", "That works, thanks!",
	"Good question - I'll find out.", "Please see my notes on page 3.",
	"All set on our side.", `The "quick wins" list is in the doc.`,
	"Let's pick this up after the holidays.", "Sharing the minutes from today.",
	"Could you confirm the numbers?", "Nice meeting you at the conference.",
}

var groupTitles = []string{
	"Q3 offsite planning", "Partner sync", "Workshop follow-up", "Vendor review",
	"Roadmap check-in", "Pilot kickoff", "Steering group", "Budget review",
	"Intro: platform migration", "Conference panel prep", "Renewal, next steps",
}

var draftTexts = []string{
	"unfinished reply", "Draft - following up on our call", "Hi, quick question about",
	"Thanks again for", "Sorry for the delay,",
}

var inviteTexts = []string{
	"Great to meet you at the workshop, let's stay in touch.",
	"Hi, enjoyed your talk yesterday.", "Would be glad to connect.",
	"Following up on our call, happy to connect here.",
}

var recommendationTexts = []string{
	"{name} led our data migration with calm precision.  Deadlines were met, stakeholders stayed informed, and nothing was lost.  I would work with {name} again.",
	"{name} is the colleague you call when a project refuses to behave.",
	"I worked with {name} on a cross-company pilot.  Clear communication, steady delivery and good judgement under pressure.",
	"{name} brings structure to messy problems and keeps every partner aligned.  A pleasure to work with.",
}

var locations = []string{"Lyon, France", "Rotterdam, Netherlands", "Porto, Portugal", "Gdańsk, Poland", "Aarhus, Denmark"}
