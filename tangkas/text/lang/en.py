"""English word data used for search and text reading."""

STOPWORDS: frozenset[str] = frozenset("and or of the a an in on for to with at by other".split())

FUNCTION_WORDS: frozenset[str] = frozenset(
    """and or the a an of in on for to with is are be will you your we our have has must able
    experience knowledge skills ability strong good least years work working preferred
    understanding familiar proficient""".split()
)
"""Frequent English words: a clause full of them is (at least partly) English."""

SECTION_HEADERS: dict[str, str] = {
    "requirements": "requirements",
    "requirement": "requirements",
    "qualifications": "requirements",
    "qualification": "requirements",
    "who you are": "requirements",
    "what we are looking for": "requirements",
    "what we re looking for": "requirements",
    "responsibilities": "responsibilities",
    "job description": "responsibilities",
    "job responsibilities": "responsibilities",
    "key responsibilities": "responsibilities",
    "duties": "responsibilities",
    "what you will do": "responsibilities",
    "what you ll do": "responsibilities",
    "skills": "skills",
    "benefits": "benefits",
    "what we offer": "benefits",
    "perks": "benefits",
    "about us": "company",
    "about the company": "company",
    "company profile": "company",
    "how to apply": "apply",
    # CVs
    "summary": "profile",
    "professional summary": "profile",
    "profile": "profile",
    "about me": "profile",
    "objective": "profile",
    "career objective": "profile",
    "experience": "experience",
    "work experience": "experience",
    "professional experience": "experience",
    "employment history": "experience",
    "work history": "experience",
    "education": "education",
    "educational background": "education",
    "certifications": "skills",
    "certificates": "skills",
    "training": "skills",
    "courses": "skills",
    "languages": "skills",
    "personal information": "personal",
    "personal details": "personal",
    "personal data": "personal",
    "contact": "personal",
    "contact information": "personal",
    "references": "personal",
    "hobbies": "personal",
    "name": "personal",
    "full name": "personal",
    "address": "personal",
    "phone": "personal",
    "mobile": "personal",
    "date of birth": "personal",
    "place and date of birth": "personal",
    "nationality": "personal",
    "marital status": "personal",
    "religion": "personal",
}
"""Ad and CV section headings (normalised, without the colon) -> section kind."""

HEADING_WORDS: frozenset[str] = frozenset(
    """and the job role position key main general specific additional required preferred minimum
    basic technical candidate your our what we offer""".split()
)
"""Words that may follow a heading word in a heading without a colon ("Key Requirements")."""

BOILERPLATE_PATTERNS: tuple[str, ...] = (
    r"\b(send|submit|email)\b.*\b(cv|resume|application)\b",
    r"\bapply (now|here|via|through)\b",
    r"\bonly shortlisted\b",
    r"\bequal opportunit(y|ies)\b",
    r"\b(diversity|inclusive|inclusion)\b.*\b(employer|workplace|committed|welcome)\b",
    r"\bwe are (a|an|the) (leading|growing|fast)\b",
    r"\bis a (leading|fast growing|growing)\b",
    r"\b(competitive salary|health insurance|annual leave)\b",
)
"""Regular expressions (on lower-cased text) for lines that are not about the work itself."""

NON_SKILL_PATTERNS: tuple[str, ...] = (
    r"\b(age|gender|male|female|bachelor|diploma|degree|gpa|domicile|located in|placement)\b",
    r"\b(monday|saturday|sunday|working hours|shift)\b",
)
"""Clauses about age, sex, schooling, place or schedule: requirements, but not skills."""

COMMON_WORDS: frozenset[str] = frozenset(
    """able about after again also always another back best better both come could data day
    different drive each even every first from give good great help here high however into just keep
    know last less like long look made make many more most much need never next number only other
    over part people place point public right same see should show since small some still such take
    than that their them then there these they thing think this those through time under used using
    very want well what when where which while who will within without word work world would year
    order plan place play report support service team test check lead manage open read write""".split()
)
"""Everyday English words that are also ESCO alternative labels: never matched alone."""

TITLE_NOISE: frozenset[str] = frozenset(
    """urgent urgently hiring wanted needed immediate immediately vacancy vacancies job jobs position
    opening fulltime full time parttime part contract permanent temporary freelance remote hybrid
    internship intern apprentice apprenticeship trainee fresh graduate graduates program programme
    rm cum based""".split()
)
"""Words in ad titles that say nothing about the occupation (recruiting noise, contract, level)."""

TITLE_EXPANSIONS: dict[str, str] = {
    "exec": "executive",
    "snr": "senior",
    "mgr": "manager",
    "asst": "assistant",
    "admin": "administrative",
    "spv": "supervisor",
    "engr": "engineer",
    "tech": "technician",
    "hr": "human resources",
    "qc": "quality control",
    "qa": "quality assurance",
    "it": "information technology",
    "f&b": "food and beverage",
    "ac": "air conditioning",
    "hvac": "heating ventilation air conditioning",
    "ga": "general affairs",
    "hrd": "human resources",
    "sdm": "human resources",
    "spg": "sales promoter",
    "spb": "sales promoter",
    "cs": "customer service",
    "ob": "office boy",
    "k3": "occupational health and safety",
    "hse": "health and safety",
    "ehs": "health and safety",
    "ppic": "production planning inventory control clerk",
    "exim": "export import",
    "adm": "administrative",
    "admn": "administrative",
    "akunting": "accounting",
    "akuntansi": "accounting",
    "crm": "customer relationship management",
    "erp": "enterprise resource planning",
    "ui": "user interface",
    "ux": "user experience",
    "bd": "business development",
    "bdm": "business development manager",
    "dc": "distribution centre",
    "whs": "warehouse",
    "wh": "warehouse",
    "ops": "operations",
    "mkt": "marketing",
    "mktg": "marketing",
    "acc": "accounting",
    "fin": "finance",
    "tu": "administration",
    "ojol": "online motorcycle taxi",
    "sekuriti": "security",
    "sekuritas": "securities",
    "kol": "influencer",
    "eng": "engineer",
}
"""Abbreviations common in ad titles, written out."""

TITLE_LEVEL_WORDS: frozenset[str] = frozenset(
    "senior junior sr snr jr staff trainee intern internship".split()
)
"""Level words dropped from titles before coding; ``assistant``, ``head`` or ``lead`` are kept because
they change the occupation ("sales assistant" is not a salesperson)."""
