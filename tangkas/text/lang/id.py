"""Bahasa Indonesia word data used for search and text reading.

Colloquial occupation words mapped to the formal words KBJI 2014 and ESCO use. Each entry was
checked against the KBJI 2014 titles it should reach; add to it only with such a check.
"""

COLLOQUIAL_TITLES: dict[str, tuple[str, ...]] = {
    "sopir": ("pengemudi", "driver"),
    "supir": ("pengemudi", "driver"),
    "ojek": ("pengemudi sepeda motor", "motorcycle delivery"),
    "ojol": ("pengemudi sepeda motor", "motorcycle delivery"),
    "kurir": ("kurir", "courier"),
    "satpam": ("petugas keamanan", "security guard"),
    "sekuriti": ("petugas keamanan", "security guard"),
    "penjahit": ("tailor", "tukang jahit", "pembuat pakaian"),
    "montir": ("mekanik", "mechanic"),
    "koki": ("juru masak", "cook"),
    "chef": ("juru masak", "cook"),
    "pelayan": ("pramusaji", "waiter"),
    "kasir": ("kasir", "cashier"),
    "art": ("pekerja rumah tangga", "domestic housekeeper"),
    "pembantu": ("pekerja rumah tangga", "domestic housekeeper"),
    "babysitter": ("pengasuh anak", "child care worker"),
    "suster": ("perawat", "nurse"),
    "kuli": ("buruh", "labourer"),
    "buruh": ("buruh", "labourer"),
    "programmer": ("pengembang perangkat lunak", "software developer"),
    "programer": ("pengembang perangkat lunak", "software developer"),
    "admin": ("administrasi", "clerk"),
    "gudang": ("gudang", "warehouse"),
    "las": ("pengelasan", "welder"),
    "tukang": ("pekerja", "worker"),
    "mobil": ("kendaraan bermotor", "vehicle"),
    "listrik": ("listrik", "electrical"),
    "sd": ("sekolah dasar", "primary school"),
    "smp": ("sekolah menengah pertama", "secondary school"),
    "sma": ("sekolah menengah atas", "secondary school"),
    "smk": ("sekolah menengah kejuruan", "vocational school"),
    "cleaning": ("petugas kebersihan", "cleaner"),
    "ob": ("office boy", "cleaner"),
    "petani": ("petani", "farmer"),
    "nelayan": ("nelayan", "fisher"),
    "sawit": ("kelapa sawit", "oil palm"),
    "padi": ("padi", "rice"),
}
"""Colloquial or borrowed title words -> formal Indonesian or English phrases, each searched as a variant."""

STOPWORDS: frozenset[str] = frozenset(
    "dan atau di ke dari yang untuk dengan pada sebagai dalam lainnya ybdi lain serta".split()
)

FUNCTION_WORDS: frozenset[str] = frozenset(
    """dan atau di ke dari yang untuk dengan pada dalam adalah akan dapat bisa mampu memiliki
    tidak ini itu kami anda serta minimal pengalaman diutamakan bersedia menguasai memahami
    mengerti tahun bekerja sesuai setiap secara juga sudah harus baik""".split()
)
"""Frequent Indonesian words: a clause full of them is (at least partly) Indonesian."""

SECTION_HEADERS: dict[str, str] = {
    "persyaratan": "requirements",
    "syarat": "requirements",
    "kualifikasi": "requirements",
    "kriteria": "requirements",
    "ketentuan": "requirements",
    "tanggung jawab": "responsibilities",
    "deskripsi pekerjaan": "responsibilities",
    "uraian tugas": "responsibilities",
    "tugas": "responsibilities",
    "job desk": "responsibilities",
    "jobdesk": "responsibilities",
    "keahlian": "skills",
    "kemampuan": "skills",
    "keterampilan": "skills",
    "benefit": "benefits",
    "tunjangan": "benefits",
    "fasilitas": "benefits",
    "insentif": "benefits",
    "gaji": "benefits",
    "kompensasi": "benefits",
    "yang kami tawarkan": "benefits",
    "tentang perusahaan": "company",
    "profil perusahaan": "company",
    "tentang kami": "company",
    "cara melamar": "apply",
    "cara mendaftar": "apply",
    "lokasi": "other",
    "penempatan": "other",
    "jam kerja": "other",
    "waktu kerja": "other",
    "waktu bekerja": "other",
    "hari kerja": "other",
    "informasi tambahan": "other",
}
"""Ad section headings (lower-case, without the colon) -> section kind."""

BOILERPLATE_PATTERNS: tuple[str, ...] = (
    r"\bkirim(kan)?\b.*\b(lamaran|cv)\b",
    r"\blamaran\b.*\b(dikirim|ke|melalui|via)\b",
    r"\b(hanya|cuma) (kandidat|pelamar)\b",
    r"\btidak dipungut biaya\b",
    r"\b(adalah|merupakan) (sebuah )?perusahaan\b",
    r"\bbergerak di bidang\b",
    r"\bperusahaan kami\b",
    r"\bkami (adalah|merupakan|sedang mencari|membuka|membutuhkan)\b",
    r"\b(bpjs|thr|gaji pokok|uang makan|tunjangan|bonus|insentif)\b",
    r"\b(whatsapp|wa)\s*[:.]?\s*\+?\d",
)
"""Regular expressions (on lower-cased text) for lines that are not about the work itself."""

SKILL_LEADS: tuple[str, ...] = (
    "mampu",
    "dapat",
    "bisa",
    "memiliki",
    "mempunyai",
    "menguasai",
    "memahami",
    "mengerti",
    "paham",
    "terbiasa",
    "berpengalaman",
    "pengalaman",
    "pengetahuan",
    "kemampuan",
    "keterampilan",
    "keahlian",
    "familiar",
    "terampil",
    "mahir",
    "diutamakan",
    "bersedia",
    "dalam",
    "di",
    "tentang",
    "yang",
    "baik",
    "dengan",
    "minimal",
    "min",
    "menggunakan",
    "mengoperasikan",
    "bidang",
)
"""Words that open an Indonesian requirement ("Mampu ...", "Menguasai ...") before the skill itself."""

NON_SKILL_PATTERNS: tuple[str, ...] = (
    r"\b(usia|umur|pria|wanita|laki|perempuan|domisili|lulusan|pendidikan|ipk|tinggi badan|berat badan)\b",
    r"\b(belum menikah|sudah menikah|status|penempatan|lokasi kerja|senin|sabtu|minggu|shift)\b",
    r"\b(sehat jasmani|tidak buta warna|berpenampilan|bebas narkoba|tidak bertato|bertato)\b",
    r"^(d3|s1|s2|sma|smk|stm|sma smk)\b",
    r"\b(pengalaman kerja|berpengalaman kerja|pengalaman minimal|strata|jurusan)\b",
    r"\b(fresh graduate|ditempatkan)\b",
    r"\b(sim [abc]|kendaraan (sendiri|pribadi|bermotor)|bersedia|full ?time|part ?time)\b",
)
"""Clauses about age, sex, schooling, place or schedule: requirements, but not skills."""

TITLE_NOISE: frozenset[str] = frozenset(
    """lowongan loker dibutuhkan dicari segera cepat kerja pekerjaan butuh membutuhkan penempatan
    kontrak tetap harian magang lulusan baru pt cv tbk area wilayah untuk staf""".split()
)
"""Words in Indonesian ad titles that say nothing about the occupation."""

TITLE_WORDS_EN: dict[str, str] = {
    "sopir": "driver",
    "supir": "driver",
    "pengemudi": "driver",
    "pemandu": "driver",
    "kurir": "courier",
    "satpam": "security guard",
    "pengawal": "guard",
    "penjahit": "tailor",
    "montir": "mechanic",
    "mekanik": "mechanic",
    "koki": "cook",
    "juru masak": "cook",
    "pelayan": "waiter",
    "pramusaji": "waiter",
    "kasir": "cashier",
    "perawat": "nurse",
    "jururawat": "nurse",
    "suster": "nurse",
    "bidan": "midwife",
    "guru": "teacher",
    "dosen": "lecturer",
    "tukang": "worker",
    "buruh": "labourer",
    "kuli": "labourer",
    "pekerja": "worker",
    "kilang": "factory",
    "pabrik": "factory",
    "pembantu": "helper",
    "akuntan": "accountant",
    "akauntan": "accountant",
    "petani": "farmer",
    "nelayan": "fisherman",
    "gudang": "warehouse",
    "teknisi": "technician",
    "juruteknik": "technician",
    "kerani": "clerk",
    "jurujual": "salesperson",
    "penyelia": "supervisor",
    "pengurus": "manager",
    "penjualan": "sales",
    "pemasaran": "marketing",
    "keuangan": "finance",
    "administrasi": "administration",
    "pengasuh": "caregiver",
    "tukang las": "welder",
    "juru las": "welder",
    "penata rambut": "hairdresser",
    "apoteker": "pharmacist",
    "dokter": "doctor",
    "insinyur": "engineer",
    "jurutera": "engineer",
    "produksi": "factory production worker",
    "pengeluaran": "factory production worker",
    "ekspor": "export",
    "impor": "import",
    "medsos": "social media",
    "kebersihan": "cleaner",
    "cleaning service": "cleaner",
    "office boy": "office cleaner",
    "listrik": "electrical",
    "keamanan": "security",
    "pengiriman": "delivery",
    "resepsionis": "receptionist",
    "general affairs": "office administrator",
}
"""Indonesian and Malay title words with their English equivalent, appended to a title before coding
(the small multilingual model reads "perawat" poorly on its own, "perawat nurse" well)."""
