"""Words on the pages, in Bahasa Indonesia (default) and English."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from tangkas.i18n import RISK_CATEGORIES, translate
from tangkas.models import Lang

PAGES: dict[str, dict[str, str]] = {
    "app_tagline": {
        "id": "Dari pekerjaan lama ke pekerjaan berikutnya",
        "en": "From your last job to your next one",
    },
    "skip": {"id": "Langsung ke isi", "en": "Skip to content"},
    "other_lang": {"id": "English", "en": "Bahasa Indonesia"},
    "start_title": {"id": "Apa pekerjaan Anda sebelumnya?", "en": "What was your last job?"},
    "search_label": {
        "id": "Cari jabatan (Indonesia atau Inggris)",
        "en": "Search an occupation (Indonesian or English)",
    },
    "search_placeholder": {
        "id": "mis. penjahit, sopir truk, kasir",
        "en": "e.g. tailor, truck driver, cashier",
    },
    "search_button": {"id": "Cari", "en": "Search"},
    "or_describe": {
        "id": "Atau ceritakan pekerjaan Anda / tempel CV",
        "en": "Or describe your work / paste a CV",
    },
    "describe_placeholder": {
        "id": "mis. saya 8 tahun jadi operator mesin jahit di pabrik garmen",
        "en": "e.g. I worked 8 years as a sewing machine operator in a garment factory",
    },
    "understand_button": {"id": "Pahami teks ini", "en": "Read this text"},
    "no_results": {"id": "Tidak ada jabatan yang cocok.", "en": "No matching occupation."},
    "choose": {"id": "Pilih", "en": "Choose"},
    "understood_title": {"id": "Yang kami pahami", "en": "What we understood"},
    "occupations_found": {"id": "Jabatan yang mungkin", "en": "Possible occupations"},
    "cv_jobs": {"id": "Dibaca dari pekerjaan di CV", "en": "Read from the jobs in the CV"},
    "skills_found": {"id": "Keterampilan yang disebut", "en": "Skills mentioned"},
    "evidence": {"id": "Bukti dalam teks", "en": "Evidence in the text"},
    "keep": {"id": "pakai", "en": "keep"},
    "suggestion": {"id": "saran, centang bila benar", "en": "suggestion, tick if right"},
    "method_esco-label": {"id": "kata yang sama", "en": "same words"},
    "method_id-vocab": {"id": "kata yang sama", "en": "same words"},
    "method_id-label": {"id": "kata yang sama", "en": "same words"},
    "method_semantic": {"id": "makna yang mirip", "en": "similar meaning"},
    "esco_skill/competence": {"id": "keterampilan", "en": "skill"},
    "esco_knowledge": {"id": "pengetahuan", "en": "knowledge"},
    "esco_cross-sector": {"id": "lintas sektor", "en": "cross-sector"},
    "esco_sector-specific": {"id": "khusus sektor", "en": "sector-specific"},
    "esco_occupation-specific": {"id": "khusus jabatan", "en": "occupation-specific"},
    "esco_transversal": {"id": "lintas bidang (transversal)", "en": "transversal"},
    "esco_digital": {"id": "digital", "en": "digital"},
    "esco_digcomp": {"id": "kompetensi digital (DigComp)", "en": "digital competence (DigComp)"},
    "esco_green": {"id": "hijau (ramah lingkungan)", "en": "green"},
    "esco_language": {"id": "bahasa", "en": "language"},
    "esco_research": {"id": "riset", "en": "research"},
    "esco_description": {"id": "Deskripsi ESCO (bahasa Inggris)", "en": "ESCO description"},
    "add_skill": {"id": "Tambah keterampilan", "en": "Add a skill"},
    "add_skill_placeholder": {"id": "mis. forklift, Microsoft Excel", "en": "e.g. forklift, Microsoft Excel"},
    "see_options": {"id": "Lihat pekerjaan yang bisa dituju", "en": "See jobs you can move into"},
    "where_title": {"id": "Pekerjaan yang bisa Anda tuju", "en": "Jobs you can move into"},
    "from": {"id": "Dari", "en": "From"},
    "filters": {"id": "Saring", "en": "Filter"},
    "province": {"id": "Provinsi", "en": "Province"},
    "any_province": {"id": "Semua provinsi", "en": "All provinces"},
    "max_jump": {"id": "Lompatan persiapan paling besar", "en": "Largest preparation jump"},
    "any": {"id": "bebas", "en": "any"},
    "min_pay": {"id": "Gaji minimal (Rp/bulan)", "en": "Minimum pay (Rp/month)"},
    "apply": {"id": "Terapkan", "en": "Apply"},
    "viability": {"id": "Kecocokan", "en": "Fit"},
    "highly_viable": {"id": "sangat cocok", "en": "very good fit"},
    "viable": {"id": "cocok", "en": "good fit"},
    "province_from_text": {
        "id": "Provinsi dibaca dari tempat yang disebut di teks; ubah bila salah.",
        "en": "The province is read from the places the text names; change it if wrong.",
    },
    "added_as": {
        "id": "“{text}” dibaca sebagai keterampilan: {skill}.",
        "en": "“{text}” was read as the skill: {skill}.",
    },
    "added_none": {
        "id": "Tidak ada keterampilan yang cocok dengan “{text}”; coba kata lain.",
        "en": "No skill matches “{text}”; try other words.",
    },
    "median_pay_badge": {"id": "gaji median Rp{pay}/bulan", "en": "median pay Rp{pay} a month"},
    "uses_your_skills": {"id": "Memakai keterampilan Anda", "en": "Uses your skills"},
    "less_physical": {"id": "Pekerjaan yang tidak berat secara fisik", "en": "Less physical work"},
    "indoor": {"id": "Di dalam ruangan", "en": "Indoors"},
    "fit_very_good": {"id": "sangat cocok", "en": "very good fit"},
    "fit_good": {"id": "cocok", "en": "good fit"},
    "fit_fair": {"id": "bisa dicoba", "en": "worth a try"},
    "and_more": {"id": "dan {n} lainnya", "en": "and {n} more"},
    "input_automation_risk": {"id": "risiko otomasi", "en": "automation risk"},
    "input_pay": {"id": "gaji dari lowongan", "en": "pay in job ads"},
    "input_demand": {"id": "jumlah lowongan", "en": "number of job ads"},
    "input_demand_province": {"id": "lowongan di provinsi", "en": "job ads in the province"},
    "desirable": {"id": "layak dituju", "en": "worth aiming for"},
    "shared_skills": {"id": "Keterampilan yang terbawa", "en": "Skills you bring"},
    "missing_skills": {"id": "Yang perlu dipelajari", "en": "What to learn"},
    "risk_down": {"id": "risiko otomasi lebih rendah", "en": "lower automation risk"},
    "risk_up": {"id": "risiko otomasi lebih tinggi", "en": "higher automation risk"},
    "risk_same": {"id": "risiko otomasi serupa", "en": "similar automation risk"},
    "prep_rise": {
        "id": "butuh persiapan {n} tingkat lebih tinggi",
        "en": "needs {n} more levels of preparation",
        "en_one": "needs 1 more level of preparation",
    },
    "postings": {
        "id": "{n} lowongan tercatat",
        "en": "{n} recorded vacancies",
        "en_one": "1 recorded vacancy",
    },
    "pay_ratio": {
        "id": "gaji rata-rata {pct}% dari pekerjaan lama",
        "en": "median pay {pct}% of your last job",
    },
    "inputs_used": {"id": "Dasar penilaian", "en": "Based on"},
    "make_plan": {"id": "Rencana pelatihan", "en": "Training plan"},
    "no_recommendations": {
        "id": "Belum ada pekerjaan yang cukup cocok dengan saringan ini.",
        "en": "No occupation fits well enough with these filters.",
    },
    "explain": {
        "id": "Kecocokan dihitung dari keterampilan, pengetahuan dan minat yang sama antara pekerjaan lama "
        "dan pekerjaan tujuan. 'Sangat cocok', 'cocok' dan 'bisa dicoba' membagi 12 pekerjaan tujuan terbaik "
        "setiap jabatan menjadi tiga bagian sama besar.",
        "en": "Fit is computed from the skills, knowledge and interests two occupations share. 'Very good', "
        "'good' and 'worth a try' split every occupation's 12 best moves into three equal parts.",
    },
    # The interest profiler for young people (/minat): a young person is "kamu".
    "interest_title": {"id": "Kenali minat kerjamu", "en": "Discover your work interests"},
    "interest_start_link": {
        "id": "Belum punya pengalaman kerja? Kenali minat kerjamu",
        "en": "No work experience yet? Discover your work interests",
    },
    "interest_intro": {
        "id": "Bayangkan kamu melakukan setiap kegiatan berikut sebagai pekerjaan. Jangan pikirkan gaji "
        "atau sekolah yang dibutuhkan: jawab saja seberapa suka kamu melakukannya. Tidak ada jawaban "
        "yang benar atau salah.",
        "en": "Picture yourself doing each activity below as a job. Don't think about pay or the schooling "
        "it needs: just answer how much you would like doing it. There are no right or wrong answers.",
    },
    "interest_form_short60": {
        "id": "60 kegiatan (disarankan, sekitar 10 menit)",
        "en": "60 activities (recommended, about 10 minutes)",
    },
    "interest_form_mini30": {
        "id": "30 kegiatan (versi singkat, sekitar 5 menit)",
        "en": "30 activities (short version, about 5 minutes)",
    },
    "interest_form_now": {"id": "Versi yang dipakai: {form}", "en": "Version in use: {form}"},
    "interest_use_mini30": {
        "id": "Pakai versi singkat (30 kegiatan)",
        "en": "Use the short version (30 activities)",
    },
    "interest_use_short60": {
        "id": "Pakai versi lengkap (60 kegiatan, disarankan)",
        "en": "Use the full version (60 activities, recommended)",
    },
    "interest_mini_note": {
        "id": "Versi singkat lebih cepat tetapi kurang teliti. Kalau sempat, pakai versi 60 kegiatan.",
        "en": "The short version is quicker but less precise. If you have time, use the 60-activity version.",
    },
    "interest_about_you": {"id": "Tentang kamu", "en": "About you"},
    "interest_education": {
        "id": "Pendidikan terakhir (atau yang sedang kamu jalani)",
        "en": "Your education (finished, or the one you are in)",
    },
    "interest_education_any": {"id": "Belum mau memilih", "en": "Rather not say"},
    "education.SD": {"id": "SD", "en": "SD (primary school)"},
    "education.SMP": {"id": "SMP", "en": "SMP (junior secondary)"},
    "education.SMA": {"id": "SMA / MA", "en": "SMA / MA (senior secondary)"},
    "education.SMK": {"id": "SMK", "en": "SMK (vocational secondary)"},
    "education.D3": {"id": "D1–D3", "en": "D1–D3 (diploma)"},
    "education.S1": {"id": "D4 / S1", "en": "D4 / S1 (bachelor's)"},
    "education.S2": {"id": "S2 / S3", "en": "S2 / S3 (master's, doctorate)"},
    "interest_province": {"id": "Provinsi tempat tinggalmu", "en": "The province you live in"},
    "interest_question": {
        "id": "Seberapa suka kamu melakukan ini?",
        "en": "How much would you like doing this?",
    },
    "interest_progress": {"id": "{n} dari {total}", "en": "{n} of {total}"},
    "interest_back": {"id": "Kembali", "en": "Back"},
    "interest_next": {"id": "Lanjut", "en": "Next"},
    "interest_restart": {"id": "Mulai ulang", "en": "Start over"},
    "interest_keys_hint": {
        "id": "Bisa juga pakai keyboard: tombol 1 sampai 5 untuk menjawab.",
        "en": "You can use the keyboard too: keys 1 to 5 answer.",
    },
    "interest_kept_hint": {
        "id": "Jawabanmu tersimpan di perangkat ini sampai hasilnya keluar.",
        "en": "Your answers are kept on this device until you see the results.",
    },
    "interest_submit": {"id": "Lihat hasil", "en": "See my results"},
    "interest_missing": {
        "id": "Masih ada {n} kegiatan yang belum dijawab: nomor {items}. Jawabanmu yang lain tetap ada.",
        "id_one": "Masih ada 1 kegiatan yang belum dijawab: nomor {items}. Jawabanmu yang lain tetap ada.",
        "en": "{n} activities are not answered yet: numbers {items}. Your other answers are kept.",
        "en_one": "1 activity is not answered yet: number {items}. Your other answers are kept.",
    },
    "interest_invalid": {
        "id": "Jawaban nomor {items} tidak terbaca. Pilih lagi salah satu dari lima jawaban.",
        "en": "The answers to numbers {items} could not be read. Choose one of the five answers again.",
    },
    "interest_results_title": {"id": "Hasil minatmu", "en": "Your interest results"},
    "interest_code_is": {"id": "Kode minatmu: {code}", "en": "Your interest code: {code}"},
    "interest_code_explain": {
        "id": "Kode ini adalah tiga bidang dengan skor tertinggimu, dari yang paling kuat. Skor setiap "
        "bidang 0 sampai {max}.",
        "en": "The code is your three highest-scoring areas, strongest first. Each area scores 0 to {max}.",
    },
    "interest_chart_label": {
        "id": "Skor keenam bidang minatmu",
        "en": "Your scores in the six interest areas",
    },
    "interest_examples": {"id": "Contoh pekerjaan", "en": "Example jobs"},
    "interest_area.R": {
        "id": "Suka bekerja dengan tangan, alat, mesin, kendaraan, tanaman atau hewan; hasil kerjanya nyata "
        "dan terlihat.",
        "en": "Likes hands-on work with tools, machines, vehicles, plants or animals; the results are real "
        "and visible.",
    },
    "interest_jobs.R": {
        "id": "montir motor, teknisi listrik, tukang las, petani atau peternak, sopir, operator mesin",
        "en": "motorbike mechanic, electrician, welder, farmer or livestock keeper, driver, machine operator",
    },
    "interest_area.I": {
        "id": "Suka mengamati, bertanya, meneliti dan memecahkan masalah dengan berpikir.",
        "en": "Likes observing, asking questions, investigating and solving problems by thinking.",
    },
    "interest_jobs.I": {
        "id": "analis laboratorium, programmer, apoteker, ahli gizi, teknisi jaringan komputer, peneliti",
        "en": "laboratory analyst, programmer, pharmacist, nutritionist, network technician, researcher",
    },
    "interest_area.A": {
        "id": "Suka mencipta dan menyampaikan ide lewat gambar, musik, tulisan, desain atau pertunjukan.",
        "en": "Likes creating and expressing ideas through pictures, music, writing, design or performance.",
    },
    "interest_jobs.A": {
        "id": "desainer grafis, fotografer, editor video, penulis konten, penata rias, musisi",
        "en": "graphic designer, photographer, video editor, content writer, make-up artist, musician",
    },
    "interest_area.S": {
        "id": "Suka membantu, mengajar, merawat dan melayani orang lain.",
        "en": "Likes helping, teaching, caring for and serving other people.",
    },
    "interest_jobs.S": {
        "id": "guru, perawat, bidan, konselor, pelatih olahraga, pengasuh anak",
        "en": "teacher, nurse, midwife, counsellor, sports coach, childminder",
    },
    "interest_area.E": {
        "id": "Suka memimpin, meyakinkan orang, berjualan, mengambil keputusan dan memulai usaha.",
        "en": "Likes leading, persuading people, selling, making decisions and starting a business.",
    },
    "interest_jobs.E": {
        "id": "pemilik usaha (UMKM), tenaga penjualan, pemasar online, kepala toko, agen properti, "
        "pengelola kafe",
        "en": "small-business owner, salesperson, online marketer, store manager, property agent, café "
        "manager",
    },
    "interest_area.C": {
        "id": "Suka bekerja rapi dan teliti dengan data, angka, berkas dan aturan yang jelas.",
        "en": "Likes neat, careful work with data, numbers, files and clear rules.",
    },
    "interest_jobs.C": {
        "id": "staf administrasi, kasir, staf akuntansi, petugas gudang, operator entri data, teller bank",
        "en": "office administrator, cashier, bookkeeper, warehouse clerk, data-entry operator, bank teller",
    },
    "interest_warn_title": {"id": "Catatan tentang jawabanmu", "en": "A note on your answers"},
    "interest_warn.flat": {
        "id": "Skor keenam bidangmu hampir sama, jadi belum terlihat minat yang menonjol. Itu wajar kalau "
        "kamu masih ragu.",
        "en": "Your six area scores are nearly the same, so no interest stands out yet. That's normal if "
        "you are still unsure.",
    },
    "interest_warn.same_answer": {
        "id": "Hampir semua kegiatan kamu beri jawaban yang sama.",
        "en": "You gave nearly every activity the same answer.",
    },
    "interest_warn.all_extreme": {
        "id": "Hampir semua jawabanmu 'Sangat suka' atau 'Sangat tidak suka'.",
        "en": "Nearly all your answers are 'Strongly like' or 'Strongly dislike'.",
    },
    "interest_warn_advice": {
        "id": "Coba jawab lagi dengan lebih membedakan: bayangkan benar-benar melakukan tiap kegiatan, dan "
        "pakai juga 'Suka', 'Tidak suka' atau 'Ragu-ragu'. Pekerjaan di bawah tetap bisa kamu lihat, "
        "tetapi anggap sebagai gambaran kasar saja.",
        "en": "Try answering again and tell the activities apart more: picture really doing each one, and "
        "use 'Like', 'Dislike' or 'Unsure' too. You can still look at the jobs below, but take them as a "
        "rough guide.",
    },
    "interest_answer_again": {"id": "Jawab lagi", "en": "Answer again"},
    "interest_matches_title": {
        "id": "Pekerjaan yang cocok dengan minatmu",
        "en": "Jobs that fit your interests",
    },
    "interest_matches_for": {
        "id": "Pekerjaan yang biasanya bisa dimasuki dengan pendidikan {education}.",
        "en": "Jobs usually open to people with {education} education.",
    },
    "interest_matches_all": {
        "id": "Pekerjaan dari semua jenjang pendidikan. Pilih pendidikanmu agar daftarnya lebih pas.",
        "en": "Jobs at every level of education. Choose your education for a closer list.",
    },
    "interest_stretch": {
        "id": "Tampilkan juga pekerjaan satu tingkat di atasnya (perlu pelatihan atau sekolah lagi)",
        "en": "Also show jobs one level up (they need more training or schooling)",
    },
    "interest_show": {"id": "Tampilkan", "en": "Show"},
    "interest_with_training": {"id": "perlu pelatihan lanjutan", "en": "needs further training"},
    "interest_fit.high": {"id": "sangat cocok", "en": "a very good fit"},
    "interest_fit.good": {"id": "cocok", "en": "a good fit"},
    "interest_fit.some": {"id": "cukup cocok", "en": "a fair fit"},
    "interest_why": {"id": "Cocok karena kamu suka:", "en": "A fit because you like:"},
    "interest_why_none": {
        "id": "Cocok dengan pola minatmu secara keseluruhan.",
        "en": "It fits the overall pattern of your interests.",
    },
    "interest_plan": {"id": "Rencana pelatihan", "en": "Training plan"},
    "own_skills_title": {"id": "Yang sudah bisa kamu lakukan", "en": "What you can already do"},
    "own_skills_intro": {
        "id": "Sudah punya keterampilan dari sekolah, SMK, kegiatan, atau hobi? Tambahkan di sini. Rencana "
        "pelatihan untuk pekerjaan di bawah tidak akan memintamu mempelajarinya lagi.",
        "en": "Already have skills from school, vocational school (SMK), activities or hobbies? Add them "
        "here. The training plans for the jobs below won't ask you to learn them again.",
    },
    "own_skills_label": {"id": "Keterampilan yang sudah kamu punya", "en": "A skill you already have"},
    "own_skills_hint": {
        "id": "Tulis dengan kata-katamu sendiri, misalnya Microsoft Excel, servis motor, menjahit. Boleh "
        "beberapa sekaligus, pisahkan dengan koma.",
        "en": "Use your own words, for example Microsoft Excel, motorbike repair, sewing. You can add "
        "several at once, separated by commas.",
    },
    "own_skills_placeholder": {"id": "mis. servis motor", "en": "e.g. motorbike repair"},
    "own_skills_add": {"id": "Tambahkan", "en": "Add"},
    "own_skills_have": {"id": "Sudah kamu kuasai", "en": "You can already"},
    "own_skills_remove": {"id": "Hapus", "en": "Remove"},
    "own_skills_remove_label": {"id": "Hapus {skill}", "en": "Remove {skill}"},
    "own_skills_read_as": {
        "id": "“{text}” kami baca sebagai: {skill}.",
        "en": "We read “{text}” as: {skill}.",
    },
    "own_skills_added": {"id": "“{skill}” ditambahkan.", "en": "“{skill}” added."},
    "own_skills_not_that": {
        "id": "Bukan itu maksudmu? Ganti dengan:",
        "en": "Not what you meant? Use instead:",
    },
    "own_skills_unsure": {
        "id": "Kami belum yakin maksud “{text}”. Pilih yang cocok, atau tulis dengan kata lain:",
        "en": "We're not sure what “{text}” means. Pick the one that fits, or try other words:",
    },
    "own_skills_too_many": {
        "id": "Paling banyak {n} keterampilan. Hapus salah satu dulu untuk menambah yang lain.",
        "en": "At most {n} skills. Remove one first to add another.",
    },
    "own_skills_on_plan": {
        "id": "Belum ada riwayat kerja. Keterampilan ini sudah dikuasai, jadi tidak perlu dipelajari lagi:",
        "en": "No work history yet. These skills are already mastered, so they are not counted as ones to "
        "learn:",
    },
    "interest_vacancies": {"id": "Lowongan di provinsimu", "en": "Vacancies in your province"},
    "interest_vacancies_any": {"id": "Lowongan kerja", "en": "Vacancies"},
    "interest_no_matches": {
        "id": "Belum ada pekerjaan yang bisa dicocokkan karena skor keenam bidangmu sama persis. Coba jawab "
        "lagi dengan lebih membedakan.",
        "en": "No job can be matched yet because your six area scores are exactly equal. Try answering "
        "again and tell the activities apart more.",
    },
    "interest_pathways_title": {
        "id": "Jalur digital dan tempat pelatihan",
        "en": "Digital pathways and training places",
    },
    "interest_pathways_text": {
        "id": "Lihat pekerjaan digital yang cocok dengan minatmu, keterampilan yang perlu kamu pelajari, "
        "kursus yang terjangkau, dan tempat pelatihan di provinsimu yang paling banyak mengajarkannya.",
        "en": "See the digital jobs that fit your interests, the skills to learn, affordable courses, and "
        "the training places in your province that teach the most of them.",
    },
    "interest_pathways_link": {"id": "Lihat jalur digitalku", "en": "See my digital pathways"},
    "interest_share": {
        "id": "Simpan atau bagikan tautan hasil ini (jawabanmu ada di tautan; tidak ada yang disimpan di "
        "server)",
        "en": "Keep or share a link to these results (your answers are in the link; nothing is stored on "
        "the server)",
    },
    "interest_source": {
        "id": "Kegiatan dari O*NET Interest Profiler dan data minat pekerjaan O*NET 29.2 (USDOL/ETA, "
        "CC BY 4.0), diterjemahkan dan disesuaikan oleh Tangkas; tidak disetujui atau diuji oleh USDOL/ETA.",
        "en": "Activities from the O*NET Interest Profiler and the O*NET 29.2 occupational interest data "
        "(USDOL/ETA, CC BY 4.0), translated and adapted by Tangkas; not approved or tested by USDOL/ETA.",
    },
    "interest_save_title": {"id": "Simpan ke data pekerja", "en": "Save to a worker's record"},
    "interest_save_worker": {"id": "Pekerja", "en": "Worker"},
    "interest_consent_legend": {"id": "Persetujuan", "en": "Consent"},
    "interest_consent_self": {
        "id": "Yang bersangkutan (18 tahun ke atas) setuju hasil ini disimpan",
        "en": "The person (18 or older) agrees to these results being saved",
    },
    "interest_consent_guardian": {
        "id": "Orang tua atau wali setuju hasil ini disimpan (wajib bila belum 18 tahun)",
        "en": "A parent or guardian agrees to these results being saved (required under 18)",
    },
    "interest_save_button": {"id": "Simpan", "en": "Save"},
    "interest_consent_missing": {
        "id": "Pilih dulu siapa yang memberi persetujuan. Hasil belum disimpan.",
        "en": "Choose who gave consent first. The results were not saved.",
    },
    "interest_consent_minor": {
        "id": "Pekerja ini belum 18 tahun: hasil minatnya hanya boleh disimpan dengan persetujuan orang tua "
        "atau wali. Hasil belum disimpan.",
        "en": "This worker is under 18: their results may be saved only with a parent's or guardian's "
        "consent. The results were not saved.",
    },
    "interest_consent_age_unknown": {
        "id": "Dari datanya belum pasti pekerja ini sudah 18 tahun (tahun lahir belum dicatat, atau baru "
        "genap 18 tahun ini). Simpan dengan persetujuan orang tua atau wali, atau lengkapi dulu datanya. "
        "Hasil belum disimpan.",
        "en": "The record does not show that this worker is 18 yet (no birth year, or turning 18 this "
        "year). Save with a parent's or guardian's consent, or complete the record first. The results were "
        "not saved.",
    },
    "interest_saved_title": {"id": "Profil minat", "en": "Interest profiles"},
    "interest_saved_none": {
        "id": "Belum ada profil minat yang disimpan.",
        "en": "No interest profile saved yet.",
    },
    "interest_saved_start": {"id": "Isi kuesioner minat", "en": "Take the interest questionnaire"},
    "interest_consent.self": {"id": "persetujuan sendiri", "en": "own consent"},
    "interest_consent.guardian": {"id": "persetujuan orang tua/wali", "en": "parent's or guardian's consent"},
    "interest_saved_open": {"id": "Lihat hasil", "en": "See results"},
    "interest_saved_heading": {
        "id": "Disimpan untuk {name}, {when} ({consent})",
        "en": "Saved for {name}, {when} ({consent})",
    },
    "interest_form.short60": {"id": "60 kegiatan", "en": "60 activities"},
    "interest_form.mini30": {"id": "30 kegiatan (versi singkat)", "en": "30 activities (short version)"},
    "no_work_history": {
        "id": "Belum ada riwayat kerja: semua keterampilan pekerjaan ini dihitung sebagai yang perlu "
        "dipelajari.",
        "en": "No work history yet: every skill of this job counts as one to learn.",
    },
    "plan_title": {"id": "Cara ke sana", "en": "How to get there"},
    "budget": {"id": "Anggaran (Rp)", "en": "Budget (Rp)"},
    "course": {"id": "Kursus", "en": "Course"},
    "where": {"id": "Tempat", "en": "Where"},
    "start": {"id": "Mulai", "en": "Starts"},
    "hours": {"id": "Jam", "en": "Hours"},
    "cost": {"id": "Biaya", "en": "Cost"},
    "anytime": {"id": "kapan saja", "en": "any time"},
    "online": {"id": "daring", "en": "online"},
    "total": {"id": "Total", "en": "Total"},
    "of_budget": {"id": "dari anggaran", "en": "of the budget"},
    "uncovered": {"id": "Belum tertutup", "en": "Not covered"},
    "all_covered": {"id": "Semua keterampilan esensial tertutup.", "en": "Every essential skill is covered."},
    "demo_catalog": {
        "id": "Katalog kursus ini DEMO sintetis, bukan kursus nyata.",
        "en": "This course catalog is a synthetic DEMO, not real courses.",
    },
    "vacancies": {"id": "Lowongan di dekat Anda", "en": "Vacancies near you"},
    "vacancies_near": {"id": "Lowongan di dekat Anda", "en": "Vacancies near you"},
    "vacancies_for": {"id": "Lowongan untuk jabatan ini", "en": "Vacancies for this occupation"},
    "employer_unknown": {"id": "pemberi kerja tidak disebut", "en": "employer not named"},
    "place_unknown": {"id": "lokasi tidak disebut", "en": "place not named"},
    "per_month": {"id": "per bulan", "en": "a month"},
    "closes": {"id": "Menutup", "en": "Closes"},
    "optional_mark": {"id": "opsional", "en": "optional"},
    "nothing_to_learn": {
        "id": "Tidak ada keterampilan esensial yang perlu dipelajari: Anda sudah memilikinya.",
        "en": "There is no essential skill to learn: you already have them.",
    },
    "max_courses": {"id": "Jumlah kursus paling banyak", "en": "Most courses"},
    "choose_province": {
        "id": "Tanpa provinsi, kelas tatap muka bisa berada di provinsi mana saja: pilih provinsi Anda.",
        "en": "With no province chosen, in-person classes may be anywhere: choose your province.",
    },
    "no_limit": {"id": "tanpa batas", "en": "no limit"},
    "prakerja_only": {"id": "Hanya kursus Kartu Prakerja", "en": "Kartu Prakerja courses only"},
    "no_vacancies": {
        "id": "Belum ada lowongan tercatat untuk jabatan ini.",
        "en": "No recorded vacancies for this occupation.",
    },
    "print": {"id": "Cetak rencana", "en": "Print the plan"},
    "essential": {"id": "Keterampilan esensial", "en": "Essential skills"},
    "optional": {"id": "Keterampilan opsional", "en": "Optional skills"},
    "isco_path": {"id": "Golongan ISCO-08 / KBJI", "en": "ISCO-08 / KBJI group"},
    "kbji_titles": {"id": "Nama jabatan KBJI 2014", "en": "KBJI 2014 titles"},
    "job_zone": {"id": "Zona kerja O*NET (persiapan 1-5)", "en": "O*NET job zone (preparation 1-5)"},
    "automation": {"id": "Risiko otomasi", "en": "Automation risk"},
    **{f"risk.{category}": names for category, names in RISK_CATEGORIES.items()},
    "hot_tech": {"id": "Teknologi yang dicari", "en": "Technologies in demand"},
    "related": {"id": "Pekerjaan terdekat", "en": "Closest occupations"},
    "required_by": {"id": "Esensial untuk", "en": "Essential for"},
    "reasons.no_course": {"id": "belum ada kursus yang mengajarkannya", "en": "no course teaches it"},
    "reasons.not_in_province": {
        "id": "tidak ada kursus di provinsi ini atau daring",
        "en": "no course in this province or online",
    },
    "reasons.mode": {"id": "tidak ada kursus dengan cara belajar ini", "en": "no course in this mode"},
    "reasons.schedule": {"id": "tidak ada kursus sebelum tenggat", "en": "no course before the deadline"},
    "reasons.not_prakerja": {"id": "tidak ada kursus Prakerja", "en": "no Prakerja course"},
    "reasons.over_budget": {"id": "melebihi anggaran", "en": "over the budget"},
    "reasons.over_hours": {"id": "melebihi batas jam", "en": "over the hour limit"},
    "reasons.other_place": {
        "id": "kelasnya di provinsi lain (pilih provinsi Anda)",
        "en": "its class is in another province (choose your province)",
    },
    "reasons.course_limit": {
        "id": "melebihi jumlah kursus yang dipilih",
        "en": "over the chosen number of courses",
    },
    "synthetic": {"id": "DEMO", "en": "DEMO"},
    "login": {"id": "Masuk sebagai konselor", "en": "Sign in as a counsellor"},
    "login_failed": {
        "id": "Kunci tidak dikenal atau bukan kunci konselor.",
        "en": "Unknown key, or not a counsellor's key.",
    },
    "api_key": {"id": "Kunci API", "en": "API key"},
    "login_short": {"id": "Konselor", "en": "Counsellors"},
    "logout": {"id": "Keluar", "en": "Sign out"},
    "workers": {"id": "Pekerja di kantor Anda", "en": "Workers of your office"},
    "personal_notice": {
        "id": "Data pribadi: setiap akses dicatat. Jangan dibagikan.",
        "en": "Personal data: every access is logged. Do not share.",
    },
    "name": {"id": "Nama", "en": "Name"},
    "birth_year": {"id": "Tahun lahir", "en": "Birth year"},
    "migrant": {"id": "Status pekerja migran", "en": "Migrant status"},
    "saved_plans": {"id": "Rencana tersimpan", "en": "Saved plans"},
    "save_plan": {"id": "Simpan ke data pekerja", "en": "Save to the worker's record"},
    "worker": {"id": "Pekerja", "en": "Worker"},
    "note": {"id": "Catatan", "en": "Note"},
    "analyst": {"id": "Permintaan pasar kerja", "en": "Labour-market demand"},
    "postings_total": {
        "id": "{n} lowongan tercatat",
        "en": "{n} recorded postings",
        "en_one": "1 recorded posting",
    },
    "synthetic_share": {"id": "{pct}% data DEMO sintetis", "en": "{pct}% synthetic DEMO data"},
    "by_province": {"id": "Lowongan per provinsi", "en": "Postings by province"},
    "by_month": {"id": "Lowongan per bulan", "en": "Postings by month"},
    "pay_by_group": {
        "id": "Median gaji yang diiklankan per golongan pokok ISCO",
        "en": "Median advertised pay by ISCO major group",
    },
    "postings_col": {"id": "Lowongan", "en": "Postings"},
    "with_pay": {"id": "Menyebut gaji", "en": "State pay"},
    "median_pay": {"id": "Median / bulan", "en": "Median / month"},
    "too_few": {"id": "terlalu sedikit iklan", "en": "too few ads"},
    "digital_share": {
        "id": "Porsi lowongan yang meminta keterampilan digital",
        "en": "Share of postings asking for digital skills",
    },
    "fairads.title": {
        "id": "Syarat diskriminatif dalam iklan",
        "en": "Discriminatory requirements in job ads",
    },
    "fairads.intro": {
        "id": "Setiap lowongan yang tersimpan diperiksa: apakah iklannya membatasi pelamar menurut jenis "
        "kelamin, usia, status pernikahan, penampilan, agama, suku atau ras, atau disabilitas. Dihitung "
        "hanya syarat yang dilarang undang-undang atau yang perlu alasan pekerjaan yang jelas; iklan untuk "
        '"Pria/Wanita" tidak dihitung.',
        "en": "Every stored posting is checked: does the ad limit who may apply by sex, age, marital status, "
        "appearance, religion, ethnicity or race, or disability? Only requirements the law forbids or that "
        'need a clear job reason are counted; an ad for "men or women" is not.',
    },
    "fairads.checked": {
        "id": "{n} iklan sudah diperiksa.",
        "en": "{n} ads checked.",
        "en_one": "1 ad checked.",
    },
    "fairads.waiting": {
        "id": "{n} lowongan belum diperiksa dengan aturan yang berlaku; jalankan: tangkas import check-ads",
        "en": "{n} postings not yet checked under the rules in force; run: tangkas import check-ads",
    },
    "fairads.none": {
        "id": "Belum ada iklan yang diperiksa. Impor lowongan, atau jalankan: tangkas import check-ads",
        "en": "No ad has been checked yet. Import postings, or run: tangkas import check-ads",
    },
    "fairads.synthetic": {
        "id": "Data DEMO: syarat dalam iklan sintetis ini dibuat dengan tingkat yang ditetapkan, bukan "
        "ditemukan dalam iklan nyata.",
        "en": "DEMO data: the requirements in these synthetic ads were generated at set rates, not found in "
        "real ads.",
    },
    "fairads.national": {
        "id": "Porsi iklan dengan syarat seperti ini, seluruh Indonesia",
        "en": "Share of ads with such a requirement, all Indonesia",
    },
    "fairads.any": {
        "id": "{pct} iklan ({n}) memuat sedikitnya satu syarat seperti ini.",
        "en": "{pct} of ads ({n}) contain at least one such requirement.",
    },
    "fairads.by_province": {
        "id": "Porsi iklan yang meminta satu jenis kelamin atau membatasi usia, per provinsi",
        "en": "Share of ads asking for one sex or limiting age, by province",
    },
    "fairads.ads": {"id": "{n} iklan", "en": "{n} ads", "en_one": "1 ad"},
    "fairads.all_provinces": {"id": "Semua provinsi ({n})", "en": "All provinces ({n})"},
    "fairads.few": {
        "id": "* Kurang dari {n} iklan diperiksa (abu-abu): porsinya belum bisa diandalkan, satu iklan saja "
        "sudah mengubahnya banyak.",
        "en": "* Fewer than {n} ads checked (grey): the share is not reliable, a single ad changes it a lot.",
    },
    "fairads.pay_title": {
        "id": "Gaji di iklan yang meminta satu jenis kelamin, dibanding iklan lain",
        "en": "Pay in ads asking for one sex, against other ads",
    },
    "fairads.pay_intro": {
        "id": "Gaji bulanan tengah (median) yang disebut dalam iklan untuk pekerjaan yang sama. Ditampilkan "
        "hanya bila kedua kelompok punya sedikitnya {n} iklan yang menyebut gaji: dari lebih sedikit iklan, "
        "angkanya hanya gaji satu-dua perusahaan.",
        "en": "The middle (median) monthly pay stated in ads for the same work. Shown only when both groups "
        "have at least {n} ads stating pay: from fewer ads the figure is one or two employers' pay.",
    },
    "fairads.pay_occupation": {"id": "Per jabatan", "en": "By occupation"},
    "fairads.pay_group": {
        "id": "Per golongan pokok jabatan (ISCO)",
        "en": "By major occupation group (ISCO)",
    },
    "fairads.col_occupation": {"id": "Pekerjaan", "en": "Work"},
    "fairads.col_one_sex": {"id": "Iklan satu jenis kelamin", "en": "Ads for one sex"},
    "fairads.col_rest": {"id": "Iklan lain", "en": "Other ads"},
    "fairads.col_difference": {"id": "Selisih", "en": "Difference"},
    "fairads.asks": {
        "id": "{women} meminta wanita, {men} meminta pria",
        "en": "{women} ask for women, {men} for men",
    },
    "fairads.pay_none": {
        "id": "Belum ada pekerjaan dengan cukup iklan bergaji di kedua kelompok.",
        "en": "No work has enough ads stating pay in both groups yet.",
    },
    "fairads.csv": {"id": "Unduh CSV", "en": "Download CSV"},
    "text_limit": {
        "id": "Paling banyak {max} karakter (kira-kira 8 halaman).",
        "en": "At most {max} characters (about 8 pages).",
    },
    "text_too_long": {
        "id": "Teks ini {n} karakter, lebih dari batas {max}. Persingkat, mis. tempel hanya bagian "
        "pengalaman kerja dan keterampilan, lalu kirim lagi.",
        "en": "This text has {n} characters, over the limit of {max}. Shorten it, e.g. paste only the work "
        "experience and skills, and send it again.",
    },
    "yes": {"id": "ya", "en": "yes"},
    "no": {"id": "tidak", "en": "no"},
    "migrant.none": {"id": "bukan pekerja migran", "en": "not a migrant worker"},
    "migrant.prospective": {"id": "calon pekerja migran", "en": "prospective migrant worker"},
    "migrant.current": {"id": "sedang bekerja di luar negeri", "en": "working abroad now"},
    "migrant.returned": {"id": "purna pekerja migran (sudah kembali)", "en": "returned migrant worker"},
    # --- social security & placements on the worker page, and the readiness checklist (issue 18) ---
    "pmi.section": {"id": "Jaminan sosial & penempatan", "en": "Social security & placements"},
    "pmi.spells": {"id": "Kepesertaan jaminan sosial", "en": "Social-security membership"},
    "pmi.no_spells": {"id": "Belum ada kepesertaan yang tercatat.", "en": "No membership recorded."},
    "pmi.programme": {"id": "Program", "en": "Programme"},
    "pmi.segment": {"id": "Segmen peserta", "en": "Participant segment"},
    "pmi.valid_from": {"id": "Mulai", "en": "From"},
    "pmi.paid_until": {"id": "Dibayar sampai", "en": "Paid until"},
    "pmi.state": {"id": "Keadaan", "en": "Status"},
    "pmi.state.active": {"id": "aktif", "en": "active"},
    "pmi.state.lapsing": {
        "id": "berakhir dalam {n} hari",
        "en": "ends in {n} days",
        "en_one": "ends in 1 day",
    },
    "pmi.state.today": {"id": "berakhir hari ini", "en": "ends today"},
    "pmi.state.ended": {"id": "sudah berakhir", "en": "ended"},
    "pmi.state.not_started": {"id": "belum mulai", "en": "not started yet"},
    "pmi.programme.JKK": {"id": "JKK (kecelakaan kerja)", "en": "JKK (work accidents)"},
    "pmi.programme.JKM": {"id": "JKM (kematian)", "en": "JKM (death)"},
    "pmi.programme.JHT": {"id": "JHT (hari tua)", "en": "JHT (old-age savings)"},
    "pmi.programme.JP": {"id": "JP (pensiun)", "en": "JP (pension)"},
    "pmi.programme.JKP": {"id": "JKP (kehilangan pekerjaan)", "en": "JKP (job loss)"},
    "pmi.programme.JKN": {"id": "JKN (kesehatan)", "en": "JKN (health)"},
    "pmi.segment.wage": {"id": "penerima upah", "en": "wage earner"},
    "pmi.segment.non_wage": {"id": "bukan penerima upah", "en": "non-wage earner"},
    "pmi.segment.pmi": {"id": "pekerja migran", "en": "migrant worker"},
    "pmi.segment.construction": {"id": "jasa konstruksi", "en": "construction"},
    "pmi.placements": {"id": "Penempatan ke luar negeri", "en": "Placements abroad"},
    "pmi.no_placements": {"id": "Belum ada penempatan yang tercatat.", "en": "No placement recorded."},
    "pmi.destination": {"id": "Negara tujuan", "en": "Destination"},
    "pmi.sector": {"id": "Sektor", "en": "Sector"},
    "pmi.occupation": {"id": "Jabatan", "en": "Occupation"},
    "pmi.agency": {"id": "Perusahaan penempatan (P3MI)", "en": "Placement agency (P3MI)"},
    "pmi.contract": {"id": "Perjanjian kerja", "en": "Employment contract"},
    "pmi.departed": {"id": "Berangkat", "en": "Left"},
    "pmi.returned": {"id": "Pulang", "en": "Came back"},
    "pmi.status": {"id": "Status", "en": "Status"},
    "pmi.status.prospective": {"id": "calon, belum berangkat", "en": "prospective, not yet left"},
    "pmi.status.abroad": {"id": "sedang di luar negeri", "en": "abroad now"},
    "pmi.status.returned": {"id": "sudah pulang", "en": "came back"},
    "pmi.documents": {"id": "Dokumen yang ada ({n} dari 8)", "en": "Documents held ({n} of 8)"},
    "pmi.documents_missing": {"id": "Dokumen yang belum ada", "en": "Documents not yet on file"},
    "pmi.no_injury_cover": {
        "id": "Hari ini tidak ada JKK yang berlaku: bila celaka saat bekerja, pekerja ini tidak terlindungi. "
        "Bantu mendaftar ke BPJS Ketenagakerjaan (bagi PMI, JKK dan JKM wajib).",
        "en": "No JKK cover today: an accident at work would not be covered. Help the worker register with "
        "BPJS Ketenagakerjaan (for a PMI, JKK and JKM are compulsory).",
    },
    "pmi.check_link": {"id": "Daftar periksa kesiapan berangkat", "en": "Readiness checklist"},
    "rd.title": {"id": "Daftar periksa kesiapan berangkat", "en": "Ready to leave? Checklist"},
    "rd.back": {"id": "Kembali ke data pekerja", "en": "Back to the worker's record"},
    "rd.print": {"id": "Cetak", "en": "Print"},
    "rd.as_of": {"id": "Periksa per tanggal", "en": "Check as of"},
    "rd.check": {"id": "Periksa", "en": "Check"},
    "rd.name": {"id": "Nama", "en": "Name"},
    "rd.checked_on": {"id": "Diperiksa per", "en": "Checked as of"},
    "rd.ready": {"id": "Siap berangkat", "en": "Ready to leave"},
    "rd.not_ready": {
        "id": "Belum siap: {n} hal perlu diselesaikan",
        "en": "Not ready yet: {n} things to settle",
        "en_one": "Not ready yet: 1 thing to settle",
    },
    "rd.ready_note": {
        "id": "Semua syarat wajib sudah terpenuhi pada tanggal ini.",
        "en": "Every required item is met on this day.",
    },
    "rd.not_ready_note": {
        "id": "Bawa daftar ini ke petugas. Baris bertanda ✘ atau ○ perlu diselesaikan sebelum berangkat.",
        "en": "Bring this list to your counsellor. Rows marked ✘ or ○ must be settled before you leave.",
    },
    "rd.mark.pass": {"id": "✔ Sudah", "en": "✔ Done"},
    "rd.mark.fail": {"id": "✘ Tidak memenuhi", "en": "✘ Not met"},
    "rd.mark.missing": {"id": "○ Belum ada", "en": "○ Not on file"},
    "rd.required": {"id": "Syarat wajib", "en": "Required"},
    "rd.information": {
        "id": "Untuk diketahui (tidak menentukan siap atau belum)",
        "en": "Good to know (does not decide whether you are ready)",
    },
    "rd.item": {"id": "Syarat", "en": "Item"},
    "rd.result": {"id": "Hasil", "en": "Result"},
    "rd.meaning": {"id": "Artinya", "en": "What it means"},
    "rd.basis": {"id": "Dasar hukum", "en": "Legal basis"},
    "rd.amount": {"id": "Biaya", "en": "Amount"},
    "rd.contribution": {
        "id": "Iuran JKK dan JKM untuk perjanjian kerja {months} bulan: Rp{pre} sebelum berangkat dan "
        "Rp{placement} selama dan setelah bekerja, jumlah Rp{total} ({rule}).",
        "en": "JKK and JKM contributions for a {months}-month contract: Rp{pre} before leaving and "
        "Rp{placement} during and after work, Rp{total} in all ({rule}).",
    },
    "rd.laws": {"id": "Apa kata aturannya", "en": "What the rules say"},
    "rd.departed": {
        "id": "Pekerja ini sudah berangkat (status: {status}). Daftar ini dibuat untuk keberangkatan, "
        "jadi hasilnya menilai syarat berangkat per tanggal yang dipilih.",
        "en": "This worker has already left (status: {status}). The checklist is made for departure, so it "
        "judges the departure requirements as of the day chosen.",
    },
    "rd.departed_link": {
        "id": "Lihat kesiapan sehari sebelum berangkat ({day})",
        "en": "See readiness on the day before leaving ({day})",
    },
    "rd.no_contract": {
        "id": "Tanggal mulai dan selesai perjanjian kerja belum tercatat, jadi kesiapan belum bisa "
        "diperiksa. Catat dulu tanggal-tanggal itu.",
        "en": "The contract's first and last day are not recorded, so readiness cannot be checked yet. "
        "Record those dates first.",
    },
    "rd.no_rule": {
        "id": "Pada {day} UU 18/2017 belum berlaku. Pilih tanggal mulai 22 Nov 2017.",
        "en": "UU 18/2017 was not yet in force on {day}. Choose a day from 22 Nov 2017.",
    },
    "rd.bad_date": {
        "id": "Tanggal tidak dikenali. Tulis seperti 2026-11-29.",
        "en": "That date was not understood. Write it like 2026-11-29.",
    },
    "rd.rules_version": {"id": "versi aturan {v}", "en": "rules version {v}"},
    "rd.demo": {
        "id": "DEMO: data ini sintetis, bukan data pekerja sungguhan.",
        "en": "DEMO: these are synthetic records, not a real worker's.",
    },
    "sign_in_first": {
        "id": "Masuk dulu sebagai konselor untuk membuka data pekerja.",
        "en": "Sign in as a counsellor first to open workers' records.",
    },
    "not_yours": {"id": "Pekerja ini tidak ada di kantor Anda.", "en": "This worker is not in your office."},
    "add_worker": {"id": "Daftarkan pekerja", "en": "Register a worker"},
    "edit_worker": {"id": "Ubah data pekerja", "en": "Edit the worker's record"},
    "enrolments.title": {"id": "Kursus dan hasilnya", "en": "Courses and their outcomes"},
    "enrolments.none": {"id": "Belum ada kursus yang tercatat.", "en": "No course on record yet."},
    "enrolments.status.enrolled": {"id": "Sedang mengikuti", "en": "Taking it"},
    "enrolments.status.completed": {"id": "Selesai", "en": "Completed"},
    "enrolments.status.dropped": {"id": "Berhenti", "en": "Dropped out"},
    "enrolments.started": {"id": "mulai {when}", "en": "started {when}"},
    "enrolments.finished": {"id": "selesai {when}", "en": "finished {when}"},
    "enrolments.certified": {"id": "bersertifikat", "en": "certified"},
    "enrolments.placed": {"id": "sudah bekerja", "en": "in a job"},
    "enrolments.how": {
        "id": "Kursus dan hasilnya dicatat lewat impor (tangkas import enrolments) atau API "
        "(POST /api/enrolments), oleh konselor kantor ini atau administrator.",
        "en": "Courses and their outcomes are recorded by import (tangkas import enrolments) or the API "
        "(POST /api/enrolments), by this office's counsellors or an administrator.",
    },
    "save": {"id": "Simpan", "en": "Save"},
    "search_workers": {"id": "Cari nama atau NIK", "en": "Search by name or NIK"},
    "found_workers": {"id": "{n} pekerja ditemukan", "en": "{n} workers found", "en_one": "1 worker found"},
    "previous": {"id": "Sebelumnya", "en": "Previous"},
    "next": {"id": "Berikutnya", "en": "Next"},
    "page_of": {"id": "Halaman {page} dari {pages}", "en": "Page {page} of {pages}"},
    "office": {"id": "Kantor", "en": "Office"},
    "unknown": {"id": "tidak diketahui", "en": "not known"},
    "form_errors": {
        "id": "Data belum disimpan. Perbaiki isian yang ditandai.",
        "en": "Nothing was saved. Please correct the marked fields.",
    },
    "form_expired": {
        "id": "Formulir ini kedaluwarsa atau tidak dikirim dari Tangkas. Muat ulang halaman lalu kirim lagi.",
        "en": "This form has expired or was not sent from Tangkas. Reload the page and send it again.",
    },
    "field_too_long": {"id": "Isian terlalu panjang.", "en": "A field is too long."},
    "uri_hint": {
        "id": "Kode ESCO/KBJI atau nama; pisahkan dengan ;",
        "en": "ESCO/KBJI codes or names, separated by ;",
    },
    "field.full_name": {"id": "Nama lengkap", "en": "Full name"},
    "field.nik": {"id": "NIK (16 angka)", "en": "NIK (16 digits)"},
    "field.phone": {"id": "Nomor HP", "en": "Phone"},
    "field.gender": {"id": "Jenis kelamin", "en": "Sex"},
    "field.birth_year": {"id": "Tahun lahir", "en": "Birth year"},
    "field.province_code": {"id": "Provinsi", "en": "Province"},
    "field.city": {"id": "Kota/kabupaten", "en": "City/regency"},
    "field.occupations": {"id": "Pekerjaan", "en": "Occupations"},
    "field.skills": {"id": "Keterampilan", "en": "Skills"},
    "field.migrant_status": {"id": "Status pekerja migran", "en": "Migrant status"},
    "field.placement_country": {"id": "Negara penempatan", "en": "Country of placement"},
    "field.bpjs_ketenagakerjaan": {"id": "BPJS Ketenagakerjaan", "en": "BPJS Ketenagakerjaan"},
    "field.bpjs_kesehatan": {"id": "BPJS Kesehatan", "en": "BPJS Kesehatan"},
    "field.office_code": {"id": "Kantor", "en": "Office"},
    "gender.F": {"id": "perempuan", "en": "female"},
    "gender.M": {"id": "laki-laki", "en": "male"},
    "gender.X": {"id": "lainnya", "en": "other"},
    # --- the gender view (issue 17): one-sex ads on the recommendations, /analyst/gender ---------------
    "genderview.one_sex.male": {
        "id": "{n} dari {total} iklan untuk pekerjaan ini di {province} hanya meminta pelamar laki-laki.",
        "en": "{n} of {total} ads for this job in {province} ask for men only.",
    },
    "genderview.one_sex.female": {
        "id": "{n} dari {total} iklan untuk pekerjaan ini di {province} hanya meminta pelamar perempuan.",
        "en": "{n} of {total} ads for this job in {province} ask for women only.",
    },
    "genderview.one_sex.mixed": {
        "id": "{n} dari {total} iklan untuk pekerjaan ini di {province} hanya meminta satu jenis kelamin "
        "({female} hanya perempuan, {male} hanya laki-laki).",
        "en": "{n} of {total} ads for this job in {province} ask for one sex only "
        "({female} for women only, {male} for men only).",
    },
    "genderview.one_sex.action": {
        "id": "Pekerja boleh tetap melamar, dan Anda dapat melaporkan iklan seperti ini ke pengawas "
        "ketenagakerjaan.",
        "en": "The worker may still apply, and you can report such ads to the labour inspectorate "
        "(pengawas ketenagakerjaan).",
    },
    "youth.title": {"id": "Kaum muda", "en": "Youth"},
    "youth.intro": {
        "id": "Anak muda usia 15–24 tahun: berapa yang tidak bekerja, tidak sekolah dan tidak ikut "
        "pelatihan (NEET) menurut angka resmi, berapa yang terdaftar, ikut pelatihan dan tercatat "
        "berangkat bekerja ke luar negeri di layanan ini, di mana lowongan untuk pekerjaan digital dibuka, "
        "lembaga mana yang menyediakan kursusnya, dan di mana minat kaum muda belum terjawab oleh kursus di "
        "provinsinya.",
        "en": "Young people aged 15–24: how many are not in employment, education or training (NEET) by the "
        "official figures, how many are registered, in training and on record as placed abroad with this "
        "service, where jobs in digital occupations are posted, which providers offer courses for them, and "
        "where young people's interests outrun the courses in their province.",
    },
    "youth.as_of": {"id": "Per tanggal", "en": "As of"},
    "youth.show": {"id": "Tampilkan", "en": "Show"},
    "youth.neet_title": {
        "id": "NEET usia 15–24 tahun (angka resmi)",
        "en": "NEET rate, aged 15–24 (official figures)",
    },
    "youth.neet_about": {
        "id": "Persentase penduduk usia 15–24 tahun yang tidak bekerja, tidak bersekolah dan tidak mengikuti "
        "pelatihan (indikator SDG 8.6.1), BPS Sakernas {period}.",
        "en": "Share of people aged 15–24 not in employment, education or training (SDG indicator 8.6.1), "
        "BPS Sakernas {period}.",
    },
    "youth.neet.total": {"id": "semua", "en": "everyone"},
    "youth.neet.female": {"id": "perempuan", "en": "women"},
    "youth.neet.male": {"id": "laki-laki", "en": "men"},
    "youth.neet.urban": {"id": "perkotaan", "en": "urban"},
    "youth.neet.rural": {"id": "perdesaan", "en": "rural"},
    "youth.source": {"id": "Sumber:", "en": "Source:"},
    "youth.neet_provinces": {
        "id": "NEET 15–24 tahun per provinsi ({period})",
        "en": "NEET rate aged 15–24 by province ({period})",
    },
    "youth.neet_partial": {
        "id": "Sumber yang kami punya hanya memuat {n} dari 38 provinsi; provinsi lain belum tersedia.",
        "en": "Our source gives {n} of the 38 provinces; the others are not available yet.",
    },
    "youth.col.province": {"id": "Provinsi", "en": "Province"},
    "youth.col.rate": {"id": "NEET", "en": "NEET"},
    "youth.col.women": {"id": "Perempuan", "en": "Women"},
    "youth.col.men": {"id": "Laki-laki", "en": "Men"},
    "youth.col.combined": {"id": "Gabungan (lainnya)", "en": "Combined (others)"},
    "youth.col.total": {"id": "Jumlah", "en": "Total"},
    "youth.col.postings": {"id": "Lowongan", "en": "Postings"},
    "youth.col.digital_share": {"id": "Meminta keterampilan digital", "en": "Asking for digital skills"},
    "youth.col.digital_jobs": {"id": "Lowongan pekerjaan digital", "en": "Postings for digital occupations"},
    "youth.col.providers": {"id": "Lembaga", "en": "Providers"},
    "youth.col.courses": {"id": "Kursus", "en": "Courses"},
    "youth.suppressed": {"id": "disembunyikan", "en": "suppressed"},
    "youth.measure.registered": {"id": "Kaum muda terdaftar", "en": "Young people registered"},
    "youth.measure.enrolled": {"id": "Kaum muda yang ikut pelatihan", "en": "Young people in training"},
    "youth.measure.profiled": {
        "id": "Kaum muda yang profil minatnya tersimpan",
        "en": "Young people with an interest profile on record",
    },
    "youth.about.registered": {
        "id": "Pencari kerja berusia 15–24 tahun pada tahun {year} (menurut tahun lahir) yang terdaftar di "
        "kantor layanan dan datanya belum dihapus, per provinsi dan jenis kelamin.",
        "en": "Job seekers aged 15–24 in {year} (by birth year) registered at an employment office whose "
        "data has not been erased, by province and sex.",
    },
    "youth.about.profiled": {
        "id": "Dari mereka, yang profil minatnya (Kenali minat kerjamu) disimpan konselor ke datanya, dengan "
        "persetujuan (orang tua/wali bila di bawah 18 tahun).",
        "en": "Of them, those whose interest profile a counsellor saved to their record, with consent (a "
        "parent's or guardian's under 18).",
    },
    "youth.about.enrolled": {
        "id": "Dari mereka, yang terdaftar di sedikitnya satu kursus (satu orang dihitung sekali).",
        "en": "Of them, those enrolled in at least one course (each person counted once).",
    },
    "youth.measure.placed": {
        "id": "Kaum muda mendapat kerja setelah pelatihan (tercatat)",
        "en": "Young people in a job after training (on record)",
    },
    "youth.about.placed": {
        "id": "Dari mereka, yang tercatat mendapat pekerjaan di Indonesia setelah sebuah kursus, paling "
        "lambat {day} (dari data pendaftaran kursus yang dikirim konselor atau lembaga pelatihan). Yang "
        "mendapat kerja tanpa kursus yang tercatat tidak dihitung.",
        "en": "Of them, those on record as having found a job in Indonesia after a course, by {day} (from "
        "the course enrolments that counsellors or training providers send). A job found without a "
        "recorded course is not counted.",
    },
    "youth.measure.placed_pmi": {
        "id": "Kaum muda ditempatkan (PMI, tercatat)",
        "en": "Young people placed (PMI, on record)",
    },
    "youth.about.placed_pmi": {
        "id": "Dari mereka, yang tercatat sudah berangkat bekerja ke luar negeri sebagai Pekerja Migran "
        "Indonesia (PMI) paling lambat {day}: penempatan yang statusnya di luar negeri atau sudah pulang. "
        "Yang baru calon PMI tidak dihitung. Pekerjaan di dalam negeri ada di angka sebelumnya.",
        "en": "Of them, those on record as having left to work abroad as Indonesian migrant workers (PMI) "
        "by {day}: placements abroad or returned. Prospective PMI are not counted. Jobs in Indonesia are in "
        "the figure before.",
    },
    "youth.csv_registered": {
        "id": "Unduh angka kaum muda (CSV; angka yang disembunyikan kosong)",
        "en": "Download the young people's figures (CSV; hidden figures are empty)",
    },
    "youth.csv_neet": {
        "id": "Unduh angka NEET dengan sumbernya (CSV)",
        "en": "Download the NEET figures with their sources (CSV)",
    },
    "youth.digital_title": {
        "id": "Lowongan untuk pekerjaan digital per provinsi",
        "en": "Postings for digital occupations by province",
    },
    "youth.few_postings": {
        "id": "Provinsi dengan kurang dari 30 lowongan tidak digambar: satu lowongan lebih atau kurang "
        "menggeser porsinya 3 poin atau lebih. Angkanya tetap ada di tabel.",
        "en": "Provinces with fewer than 30 postings are not charted: one posting more or less moves the "
        "share by 3 points or more. Their figures stay in the table.",
    },
    "youth.few_mark": {"id": "sedikit data", "en": "few postings"},
    "youth.digital_about": {
        "id": "Batang: porsi lowongan yang meminta sedikitnya satu keterampilan digital (koleksi "
        "keterampilan digital ESCO). Pekerjaan digital: sedikitnya 30% (dan minimal tiga) keterampilan "
        "esensialnya digital.",
        "en": "Bars: share of postings asking for at least one digital skill (ESCO's digital skills "
        "collection). Digital occupations: at least 30% (and at least three) of their essential skills "
        "are digital.",
    },
    "youth.no_postings": {"id": "Belum ada lowongan tersimpan.", "en": "No postings stored yet."},
    "youth.providers_title": {
        "id": "Lembaga pelatihan untuk pekerjaan digital per provinsi",
        "en": "Training providers for digital occupations by province",
    },
    "youth.providers_about": {
        "id": "BLK dan LPK yang mengadakan kursus tatap muka atau campuran di provinsi itu yang mengajarkan "
        "sedikitnya satu keterampilan digital esensial dari pekerjaan digital.",
        "en": "BLK and LPK holding in-person or hybrid courses in the province that teach at least one "
        "essential digital skill of a digital occupation.",
    },
    "youth.online": {
        "id": "Ditambah {n} lembaga daring, terbuka untuk semua provinsi.",
        "en": "Plus {n} online providers, open to every province.",
    },
    "youth.no_providers": {"id": "Belum ada kursus seperti itu.", "en": "No such courses yet."},
    "youth.synthetic_catalog": {
        "id": "Katalog kursus ini adalah data contoh (sintetis), bukan kursus sungguhan.",
        "en": "This course catalog is demo (synthetic) data, not real courses.",
    },
    "youth.more": {"id": "dan {n} lainnya", "en": "and {n} more"},
    "youth.interests.title": {
        "id": "Minat kaum muda dan kursus yang tersedia",
        "en": "Young people's interests and the courses on offer",
    },
    "youth.interests.about": {
        "id": "Dari profil minat terakhir setiap pencari kerja yang tersimpan, {n} pekerjaan yang paling "
        "cocok (untuk jenjang pendidikannya) dihitung per kelompok jabatan (ISCO, dua digit). Untuk setiap "
        "kelompok: berapa porsi keterampilan esensialnya yang diajarkan kursus tatap muka di provinsi itu, "
        "dan berapa yang diajarkan kursus daring. Kebutuhan belum terpenuhi = kecocokan × (1 − porsi yang "
        "diajarkan di provinsi). Hanya provinsi dengan sedikitnya {min} profil yang ditampilkan; kelompok "
        "dengan kurang dari {min} kecocokan digabung menjadi “kelompok lain”. Setiap angka dibulatkan "
        "secara acak ke kelipatan 5 agar profil satu orang tidak dapat dikenali.",
        "en": "From each job seeker's latest stored interest profile, the {n} best-matching occupations (for "
        "their education) are counted by occupation group (ISCO, two digits). For each group: the share of "
        "its essential skills taught by in-person courses held in the province, and the share taught "
        "online. Unmet demand = matches × (1 − share taught in the province). Only provinces with at least "
        "{min} profiles are shown; groups with fewer than {min} matches are combined as “other "
        "groups”. Every count is randomly rounded to a multiple of 5 so no one person's profile can be "
        "told apart.",
    },
    "youth.interests.limits": {
        "id": "Batasnya: kecocokan minat bukan rencana, dan profil ini hanya dari orang yang datang ke "
        "kantor layanan, bukan seluruh kaum muda di provinsi itu. Kursus daring tidak dihitung sebagai "
        "pasokan setempat.",
        "en": "Limits: a match is not a plan, and these profiles are only of people who came to an "
        "employment office, not all young people in the province. Online courses are not counted as local "
        "supply.",
    },
    "youth.interests.none": {
        "id": "Belum ada provinsi dengan sedikitnya {min} profil minat tersimpan.",
        "en": "No province has at least {min} stored interest profiles yet.",
    },
    "youth.interests.counts": {
        "id": "{profiles} profil, {matches} kecocokan.",
        "en": "{profiles} profiles, {matches} matches.",
    },
    "youth.interests.chart": {
        "id": "Kebutuhan belum terpenuhi di {province}",
        "en": "Unmet demand in {province}",
    },
    "youth.interests.bar": {"id": "{unmet} dari {demand}", "en": "{unmet} of {demand}"},
    "youth.interests.legend": {
        "id": "Batang gelap: kebutuhan belum terpenuhi; batang terang: semua kecocokan kelompok itu.",
        "en": "Dark bar: unmet demand; light bar: all the group's matches.",
    },
    "youth.interests.col.group": {"id": "Kelompok jabatan", "en": "Occupation group"},
    "youth.interests.col.demand": {"id": "Kecocokan", "en": "Matches"},
    "youth.interests.col.local": {"id": "Diajarkan di provinsi", "en": "Taught in the province"},
    "youth.interests.col.online": {"id": "Diajarkan daring", "en": "Taught online"},
    "youth.interests.col.unmet": {"id": "Belum terpenuhi", "en": "Unmet"},
    "youth.interests.other": {"id": "kelompok lain", "en": "other groups"},
    "youth.interests.left_out": {
        "id": "Tidak ditampilkan: {profiles} profil dari {provinces} provinsi yang profilnya kurang dari "
        "{min} (atau tanpa provinsi).",
        "en": "Not shown: {profiles} profiles from {provinces} provinces with fewer than {min} profiles (or "
        "with no province).",
    },
    "youth.interests.csv": {
        "id": "Unduh minat dan kursus per provinsi (CSV)",
        "en": "Download interests and courses by province (CSV)",
    },
    "youth.todo": {
        "id": "Pekerjaan di dalam negeri dihitung hanya bila tercatat setelah kursus (pendaftaran kursus "
        "yang dikirim ke layanan ini); pekerjaan yang didapat tanpa kursus belum tercatat.",
        "en": "Jobs in Indonesia are counted only when recorded after a course (course enrolments sent to "
        "this service); jobs found without a course are not recorded yet.",
    },
    "genderview.title": {
        "id": "Perempuan dan laki-laki dalam layanan",
        "en": "Women and men in the service",
    },
    "genderview.intro": {
        "id": "Pendaftaran, pelatihan dan rencana pelatihan pekerja menurut jenis kelamin dan provinsi, "
        "di samping angka nasional dari BPS.",
        "en": "Workers' registrations, training and training plans by sex and province, beside the "
        "national figures from BPS (Statistics Indonesia).",
    },
    "genderview.national_title": {
        "id": "Angka nasional (BPS, Sakernas)",
        "en": "National figures (BPS, Sakernas labour force survey)",
    },
    "genderview.ind.labour_force_participation_rate": {
        "id": "Tingkat partisipasi angkatan kerja (TPAK)",
        "en": "Labour-force participation rate",
    },
    "genderview.ind.open_unemployment_rate": {
        "id": "Tingkat pengangguran terbuka (TPT)",
        "en": "Open unemployment rate",
    },
    "genderview.ind.youth_neet_rate_15_24": {
        "id": "Pemuda 15–24 tahun yang tidak sekolah, tidak bekerja dan tidak ikut pelatihan (NEET)",
        "en": "Young people aged 15–24 not in education, employment or training (NEET)",
    },
    "genderview.sex.male": {"id": "laki-laki", "en": "men"},
    "genderview.sex.female": {"id": "perempuan", "en": "women"},
    "genderview.sex.total": {"id": "semua", "en": "everyone"},
    "genderview.gap_men": {
        "id": "Laki-laki {pp} poin persen lebih tinggi daripada perempuan.",
        "en": "Men {pp} percentage points higher than women.",
    },
    "genderview.gap_women": {
        "id": "Perempuan {pp} poin persen lebih tinggi daripada laki-laki.",
        "en": "Women {pp} percentage points higher than men.",
    },
    "genderview.source": {
        "id": "Sumber: BPS, Sakernas {period}, seperti dikutip di",
        "en": "Source: BPS, Sakernas {period}, as reported at",
    },
    "genderview.csv_national": {
        "id": "Unduh angka nasional dengan sumbernya (CSV)",
        "en": "Download the national figures with their sources (CSV)",
    },
    "genderview.method_title": {"id": "Cara membaca angka pekerja", "en": "How to read the workers' figures"},
    "genderview.method": {
        "id": "Untuk melindungi data pribadi, setiap angka pekerja dibulatkan secara acak ke kelipatan "
        "{base} (paling jauh {error} dari angka sebenarnya), dan tidak ada angka di bawah {min} orang.",
        "en": "To protect personal data, every count of workers is randomly rounded to a multiple of {base} "
        "(at most {error} from the true count), and no figure is under {min} people.",
    },
    "genderview.dash": {
        "id": "berarti angka itu disembunyikan: kelompoknya kurang dari {min} orang, atau ikut disembunyikan "
        "agar kelompok kecil tidak dapat dihitung dari jumlahnya.",
        "en": "means the figure is hidden: the group has fewer than {min} people, or it is hidden too so "
        "that a small group cannot be worked out from the total.",
    },
    "genderview.measure.registered": {"id": "Pekerja terdaftar", "en": "Registered workers"},
    "genderview.measure.enrolled": {"id": "Pekerja yang ikut pelatihan", "en": "Workers in training"},
    "genderview.measure.completed": {
        "id": "Pekerja yang menyelesaikan pelatihan",
        "en": "Workers who completed training",
    },
    "genderview.measure.placed": {
        "id": "Pekerja yang mendapat kerja setelah pelatihan",
        "en": "Workers in a job after training",
    },
    "genderview.measure.saved_plan": {
        "id": "Pekerja dengan rencana pelatihan tersimpan",
        "en": "Workers with a saved training plan",
    },
    "genderview.about.registered": {
        "id": "Pekerja yang terdaftar di kantor layanan dan datanya belum dihapus.",
        "en": "Workers registered at an employment office whose data has not been erased.",
    },
    "genderview.about.enrolled": {
        "id": "Pekerja yang terdaftar di sedikitnya satu kursus (satu orang dihitung sekali).",
        "en": "Workers enrolled in at least one course (each person counted once).",
    },
    "genderview.about.completed": {
        "id": "Pekerja yang telah menyelesaikan sedikitnya satu kursus.",
        "en": "Workers who have completed at least one course.",
    },
    "genderview.about.placed": {
        "id": "Pekerja yang tercatat mendapat pekerjaan di Indonesia setelah sedikitnya satu kursus.",
        "en": "Workers on record as having found a job in Indonesia after at least one course.",
    },
    "genderview.about.saved_plan": {
        "id": "Pekerja yang rencana pelatihannya disimpan oleh konselor.",
        "en": "Workers whose training plan a counsellor has saved.",
    },
    "genderview.too_few": {
        "id": "Belum ditampilkan: kurang dari {min} orang.",
        "en": "Not shown yet: fewer than {min} people.",
    },
    "genderview.too_few_short": {"id": "(kurang dari {min} orang)", "en": "(fewer than {min} people)"},
    "genderview.total": {"id": "jumlah {n}", "en": "total {n}"},
    "genderview.women_share": {"id": "perempuan {pct}%", "en": "women {pct}%"},
    "genderview.group.F": {"id": "perempuan", "en": "women"},
    "genderview.group.M": {"id": "laki-laki", "en": "men"},
    "genderview.group.X": {"id": "lainnya", "en": "other"},
    "genderview.group.none": {"id": "tak tercatat", "en": "not recorded"},
    "genderview.group.hidden": {"id": "gabungan", "en": "combined"},
    "genderview.hidden_bar": {
        "id": "“Gabungan” adalah jumlah kelompok yang disembunyikan (—) di tempat itu, termasuk jenis "
        "kelamin lainnya dan yang tidak tercatat. Bila hanya perempuan yang tampil, gabungan itu hampir "
        "semuanya laki-laki.",
        "en": "“Combined” is the hidden groups (—) of that place together, including other and unrecorded "
        "sex. Where only women are shown, it is almost all men.",
    },
    "genderview.provinces_shown": {
        "id": "Provinsi dengan kurang dari {min} pekerja terdaftar tidak ditampilkan sendiri; mereka tetap "
        "dihitung dalam angka Indonesia.",
        "en": "Provinces with fewer than {min} registered workers are not shown on their own; they are "
        "still counted in the figures for Indonesia.",
    },
    "genderview.csv_workers": {
        "id": "Unduh angka pekerja (CSV; angka yang disembunyikan kosong)",
        "en": "Download the workers' figures (CSV; hidden figures are empty)",
    },
    # --- end of the gender view ------------------------------------------------------------------------
    "field_error.required": {"id": "Wajib diisi.", "en": "Required."},
    "field_error.type": {"id": "Bentuknya tidak terbaca.", "en": "Could not be read."},
    "field_error.choice": {"id": "Pilih salah satu pilihan.", "en": "Choose one of the options."},
    "field_error.range": {"id": "Di luar batas yang masuk akal.", "en": "Outside the sensible range."},
    "field_error.format": {"id": "Bentuknya tidak benar.", "en": "Not in the right form."},
    "field_error.too_long": {
        "id": "Terlalu panjang: paling banyak 20.000 karakter.",
        "en": "Too long: at most 20,000 characters.",
    },
    "field_error.control": {
        "id": "Berisi karakter kontrol yang tidak bisa disimpan.",
        "en": "Contains a control character that cannot be stored.",
    },
    "field_error.unknown_concept": {
        "id": "“{detail}” bukan kode atau nama yang dikenal.",
        "en": "“{detail}” is not a known code or name.",
    },
    "field_error.duplicate": {
        "id": "Sudah terdaftar di kantor ini.",
        "en": "Already registered in this office.",
    },
    "field_error.nik.format": {"id": "NIK harus 16 angka.", "en": "A NIK has 16 digits."},
    "field_error.nik.duplicate": {
        "id": "NIK ini sudah terdaftar; hubungi administrator.",
        "en": "This NIK is already registered; contact the administrator.",
    },
    "field_error.birth_year.range": {
        "id": "Tahun lahir antara 1930 dan 2015.",
        "en": "The birth year is between 1930 and 2015.",
    },
    "field_error.birth_year.type": {"id": "Tulis tahun, mis. 1988.", "en": "Write a year, e.g. 1988."},
    "snapshot_title": {"id": "Rencana tersimpan", "en": "Saved plan"},
    "snapshot_by": {"id": "Disimpan {when} oleh {who}", "en": "Saved {when} by {who}"},
    "snapshot_fixed": {
        "id": "Ini rencana seperti yang ditunjukkan saat disimpan; perubahan katalog kemudian "
        "tidak mengubahnya.",
        "en": "This is the plan as shown when it was saved; later catalog changes do not alter it.",
    },
    "catalog_real": {"id": "Katalog kursus nyata", "en": "Real course catalog"},
    "print_hint": {
        "id": "Cetak halaman ini atau simpan sebagai PDF lewat menu Cetak peramban (Ctrl+P).",
        "en": "Print this page or save it as PDF with the browser's Print menu (Ctrl+P).",
    },
    "share_text": {"id": "Teks untuk WhatsApp", "en": "Text for WhatsApp"},
    "share_whatsapp": {"id": "Kirim lewat WhatsApp", "en": "Send with WhatsApp"},
    "open_snapshot": {"id": "lihat / cetak", "en": "view / print"},
    "recompute": {"id": "hitung ulang dengan katalog kini", "en": "recompute with today's catalog"},
    "no_snapshot": {
        "id": "Rencana ini disimpan sebelum Tangkas menyimpan salinannya; yang bisa dibuka hanya "
        "hitungan ulang.",
        "en": "This plan was saved before Tangkas kept a copy of it; only a recomputation can be opened.",
    },
    "plan_not_found": {"id": "Rencana ini tidak ada.", "en": "There is no such plan."},
    "error.400": {"id": "Permintaan ini tidak dapat diproses", "en": "This request cannot be processed"},
    "error.401": {"id": "Perlu masuk dulu", "en": "Please sign in first"},
    "error.403": {"id": "Tidak diizinkan", "en": "Not allowed"},
    "error.404": {"id": "Halaman tidak ditemukan", "en": "Page not found"},
    "error.405": {"id": "Halaman ini tidak dibuka dengan cara itu", "en": "This page is not opened that way"},
    "error.413": {"id": "Kiriman terlalu besar", "en": "What was sent is too large"},
    "error.422": {"id": "Isian belum benar", "en": "Some input is not right"},
    "error.500": {"id": "Terjadi kesalahan di server", "en": "Something went wrong on the server"},
    "error_back": {"id": "Kembali ke awal", "en": "Back to the start"},
    "go_back": {"id": "Kembali", "en": "Go back"},
    "invalid_fields": {"id": "Periksa isian: {fields}.", "en": "Please check: {fields}."},
    "unknown_concept": {
        "id": "“{identifier}” bukan kode atau nama yang dikenal.",
        "en": "“{identifier}” is not a known code or name.",
    },
    "no_target": {
        "id": "Pilih dulu pekerjaan tujuan, lalu buka rencana pelatihannya.",
        "en": "Choose the job to move into first, then open its training plan.",
    },
    "budget_invalid": {
        "id": "Anggaran “{value}” tidak terbaca. Tulis jumlah rupiah, mis. 3.500.000 atau 3,5 juta.",
        "en": "The budget “{value}” could not be read. Write an amount in rupiah, e.g. 3500000 or 3.500.000.",
    },
    "budget_negative": {"id": "Anggaran tidak boleh negatif.", "en": "The budget cannot be negative."},
    "budget_too_large": {
        "id": "Anggaran paling banyak Rp1.000.000.000.",
        "en": "The budget can be at most Rp1.000.000.000.",
    },
    # The job-ad checker page (issue 17)
    "ads_nav": {"id": "Cek Iklan", "en": "Check an ad"},
    "ads_title": {"id": "Cek Iklan Lowongan", "en": "Check a job ad"},
    "ads_intro": {
        "id": "Tempel iklan lowongan. Tangkas menandai syarat yang diskriminatif menurut hukum Indonesia "
        "dan menyarankan kalimat pengganti.",
        "en": "Paste a job ad. Tangkas marks requirements that discriminate under Indonesian law and "
        "suggests neutral wording.",
    },
    "ads_job_title": {"id": "Judul lowongan", "en": "Job title"},
    "ads_text": {"id": "Teks iklan", "en": "Ad text"},
    "ads_check": {"id": "Periksa iklan", "en": "Check the ad"},
    "ads_too_long": {
        "id": "Iklan terlalu panjang (maksimal 100.000 karakter).",
        "en": "The ad is too long (100,000 characters at most).",
    },
    "ads_found": {"id": "{count} syarat perlu diperbaiki", "en": "{count} requirement(s) to fix"},
    "ads_clean": {
        "id": "Tidak ada syarat diskriminatif yang ditemukan",
        "en": "No discriminatory requirement found",
    },
    "ads_cat.sex": {"id": "Jenis kelamin", "en": "Sex"},
    "ads_cat.age": {"id": "Usia", "en": "Age"},
    "ads_cat.marital": {"id": "Status pernikahan atau kehamilan", "en": "Marital status or pregnancy"},
    "ads_cat.appearance": {"id": "Penampilan fisik", "en": "Appearance"},
    "ads_cat.religion": {"id": "Agama", "en": "Religion"},
    "ads_cat.ethnicity_race": {"id": "Suku atau ras", "en": "Ethnicity or race"},
    "ads_cat.disability_health": {"id": "Disabilitas atau kesehatan", "en": "Disability or health"},
    "ads_cat.nationality": {"id": "Kewarganegaraan", "en": "Nationality"},
    "ads_sev.unlawful": {"id": "Dilarang", "en": "Not allowed"},
    "ads_sev.needs_reason": {"id": "Perlu alasan pekerjaan yang jelas", "en": "Needs a stated job reason"},
    "ads_sev.info": {"id": "Informasi", "en": "Information"},
    "ads_strength.required": {"id": "wajib", "en": "required"},
    "ads_strength.preferred": {"id": "diutamakan", "en": "preferred"},
    "ads_strength.": {"id": "", "en": ""},
    "ads_rewrite": {"id": "Saran", "en": "Suggestion"},
    "ads_information": {"id": "Informasi (bukan pelanggaran)", "en": "Information (not a breach)"},
    "ads_law": {"id": "Dasar hukum", "en": "The law"},
    "ads_wording": {"id": "Kata bernada gender (informasi)", "en": "Gendered wording (information)"},
    "ads_wording_intro": {
        "id": "Kata-kata ini bukan pelanggaran, tetapi penelitian menemukan bahwa iklan yang penuh kata "
        "bernada maskulin membuat lebih sedikit perempuan melamar (Gaucher dkk. 2011). Seimbangkan "
        "bila perlu.",
        "en": "These words are no breach, but research found that ads full of masculine-coded words draw "
        "fewer women to apply (Gaucher et al. 2011). Balance them if need be.",
    },
    "ads_lean.masculine": {"id": "Bernada maskulin", "en": "Masculine-coded"},
    "ads_lean.feminine": {"id": "Bernada feminin", "en": "Feminine-coded"},
    "ads_caveat": {
        "id": "Pemeriksaan otomatis berbasis aturan; bisa keliru. Ini bukan nasihat hukum.",
        "en": "An automatic, rule-based check; it can be wrong. Not legal advice.",
    },
    "budget_default": {
        "id": "Rencana di bawah memakai anggaran bawaan Rp{budget}.",
        "en": "The plan below uses the default budget of Rp{budget}.",
    },
    "error.429": {"id": "Terlalu sering dicoba", "en": "Too many tries"},
    "nik_probe_limit": {
        "id": "Terlalu banyak NIK yang sudah terdaftar di kantor lain dicoba dengan akun ini. Demi "
        "perlindungan data, NIK belum bisa diperiksa lagi: coba lagi dalam {wait}, atau hubungi "
        "administrator.",
        "en": "Too many NIKs already registered at other offices were tried with this account. To protect "
        "people's data, NIKs cannot be checked again yet: try again in {wait}, or contact an "
        "administrator.",
    },
    "error.503": {"id": "Server sedang sibuk", "en": "The server is busy"},
    "login_too_many": {
        "id": "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {seconds} detik.",
        "en": "Too many failed sign-in attempts. Try again in {seconds} seconds.",
    },
    "login_form_expired": {
        "id": "Formulir masuk ini kedaluwarsa atau tidak dikirim dari halaman Tangkas. Silakan isi lagi.",
        "en": "This sign-in form has expired or was not sent from a Tangkas page. Please fill it in again.",
    },
    "understand_too_many": {
        "id": "Anda sudah mengirim banyak teks dalam waktu singkat. Tunggu {seconds} detik, lalu kirim lagi.",
        "en": "You have sent many texts in a short time. Wait {seconds} seconds, then send it again.",
    },
    "understand_busy": {
        "id": "Server sedang membaca banyak teks sekaligus. Tunggu beberapa detik, lalu kirim lagi.",
        "en": "The server is reading many texts at once. Wait a few seconds, then send it again.",
    },
    # Data-subject rights (UU 27/2022): legal basis, access, erasure, retention
    "field.legal_basis": {"id": "Dasar pemrosesan data", "en": "Legal basis for processing"},
    "field.consent_at": {"id": "Tanggal persetujuan", "en": "Date of consent"},
    "field.notes": {"id": "Catatan", "en": "Notes"},
    "consent_hint": {
        "id": "Isi bila dasarnya persetujuan; kosong berarti hari ini.",
        "en": "For consent as the basis; blank means today.",
    },
    "legal.consent": {"id": "Persetujuan yang sah secara eksplisit", "en": "Explicit, valid consent"},
    "legal.contract": {"id": "Pemenuhan kewajiban perjanjian", "en": "Performance of a contract"},
    "legal.legal_obligation": {"id": "Pemenuhan kewajiban hukum", "en": "A legal obligation"},
    "legal.vital_interest": {"id": "Pelindungan kepentingan vital", "en": "Vital interests"},
    "legal.public_task": {
        "id": "Pelaksanaan tugas untuk kepentingan umum / pelayanan publik",
        "en": "A task in the public interest / public service",
    },
    "legal.legitimate_interest": {"id": "Kepentingan yang sah lainnya", "en": "Other legitimate interests"},
    "consent_given": {"id": "persetujuan {when}", "en": "consent given {when}"},
    "last_activity": {"id": "Aktivitas terakhir", "en": "Last activity"},
    "retention_note": {
        "id": "Data pribadi dihapus {years} tahun setelah aktivitas terakhir.",
        "en": "Personal data is erased {years} years after the last activity.",
    },
    "export_record": {"id": "Unduh semua data pekerja (JSON)", "en": "Download all data held (JSON)"},
    "erase_worker": {"id": "Hapus data pribadi", "en": "Erase personal data"},
    "erase_title": {"id": "Hapus data pribadi pekerja ini?", "en": "Erase this worker's personal data?"},
    "erase_goes": {"id": "Yang dihapus", "en": "What is erased"},
    "erase_plan_text": {
        "id": "Catatan, keterampilan dan salinan rencana yang disimpan",
        "en": "Notes, skills and snapshots of the saved plans",
    },
    "erase_records": {
        "id": "Masa kepesertaan jaminan sosial, penempatan PMI dan dokumennya, catatan kontak, dan profil "
        "minat (dihapus seluruhnya)",
        "en": "Social-security membership spells, PMI placements and their documents, contact records, and "
        "interest profiles (deleted whole)",
    },
    "erase_stays": {"id": "Yang tetap disimpan, tanpa identitas", "en": "What is kept, without identity"},
    "erase_stays_what": {
        "id": "Nomor urut catatan, kantor, provinsi, kode pekerjaan, dasar pemrosesan, tanggal pendaftaran "
        "dan penghapusan; jabatan tujuan dan anggaran rencana yang disimpan; hasil pelatihan "
        "(selesai, bersertifikat, ditempatkan). Log audit tetap mencatat siapa mengakses catatan ini dan "
        "kapan, tanpa nilai data pribadi.",
        "en": "The record's number, office, province, occupation codes, legal basis, the dates of "
        "registration and erasure; the target occupations and budgets of saved plans; training outcomes "
        "(completed, certified, placed). The audit log keeps who accessed this record and when, "
        "without any personal value.",
    },
    "erase_why": {
        "id": "Alasannya: dinas wajib dapat melaporkan layanan yang diberikan dan hasilnya (statistik "
        "ketenagakerjaan), dan log audit adalah bukti kepatuhan pengendali data (UU 27/2022).",
        "en": "Why: the service must be able to report the services it delivered and their outcomes "
        "(employment statistics), and the audit log is the controller's evidence of compliance "
        "(UU 27/2022).",
    },
    "erase_caveat": {
        "id": "Ini tafsiran kami atas UU 27/2022, yang tidak merinci hal ini; perlu dikonfirmasi oleh "
        "pejabat pelindungan data pribadi (DPO) kementerian.",
        "en": "This is our reading of UU 27/2022, which is not explicit here; to be confirmed by the "
        "ministry's data protection officer (DPO).",
    },
    "erase_final": {"id": "Penghapusan tidak dapat dibatalkan.", "en": "Erasure cannot be undone."},
    "erase_confirm": {"id": "Ya, hapus data pribadi", "en": "Yes, erase the personal data"},
    "erase_cancel": {"id": "Batal", "en": "Cancel"},
    "erase_done": {
        "id": "Data pribadi pekerja telah dihapus.",
        "en": "The worker's personal data has been erased.",
    },
    "field_error.nik.structure": {
        "id": "NIK tidak sah: periksa kode provinsi dan tanggal lahir di dalamnya.",
        "en": "Not a valid NIK: check the province code and the date of birth in it.",
    },
    "outreach.title": {"id": "Penjangkauan", "en": "Outreach"},
    "outreach.intro": {
        "id": "Pekerja kantor {office} yang perlu dihubungi, per {when}.",
        "en": "Workers of office {office} to contact, as of {when}.",
    },
    "outreach.all_offices": {"id": "semua kantor", "en": "all offices"},
    "outreach.list.lapsing": {"id": "Kepesertaan segera berakhir", "en": "Cover ending soon"},
    "outreach.list.no_injury_cover": {
        "id": "Tanpa jaminan kecelakaan kerja (JKK)",
        "en": "No employment-injury cover (JKK)",
    },
    "outreach.list.returned_pmi": {
        "id": "PMI purna belum ditindaklanjuti",
        "en": "Returned PMI not yet followed up",
    },
    "outreach.rule.lapsing": {
        "id": "Iuran dibayar sampai tanggal dalam {n} hari ke depan dan belum diperpanjang.",
        "en": "Contributions paid until a day within the next {n} days and not yet renewed.",
    },
    "outreach.rule.no_injury_cover": {
        "id": "Tidak ada kepesertaan JKK yang berlaku pada tanggal ini.",
        "en": "No JKK membership in force on this day.",
    },
    "outreach.rule.returned_pmi": {
        "id": "Sudah kembali dari penempatan dan belum ada tindak lanjut sejak tanggal kembali.",
        "en": "Back from a placement with no follow-up since the day of return.",
    },
    "outreach.days_label": {"id": "Berakhir dalam", "en": "Ending within"},
    "outreach.days_n": {"id": "{n} hari", "en": "{n} days"},
    "outreach.as_of": {"id": "Per tanggal", "en": "As of"},
    "outreach.office": {"id": "Kantor", "en": "Office"},
    "outreach.show": {"id": "Tampilkan", "en": "Show"},
    "outreach.csv": {"id": "Unduh daftar (CSV)", "en": "Download the list (CSV)"},
    "outreach.empty": {"id": "Tidak ada pekerja dalam daftar ini.", "en": "No worker on this list."},
    "outreach.pmi_abroad": {"id": "PMI di luar negeri", "en": "PMI abroad"},
    "outreach.pmi_prospective": {"id": "Calon PMI", "en": "Prospective PMI"},
    "outreach.group.pmi": {
        "id": "PMI di luar negeri dan calon PMI",
        "en": "PMI abroad and prospective PMI",
    },
    "outreach.group.other": {"id": "Pekerja lainnya", "en": "Other workers"},
    "outreach.do.lapsing": {
        "id": "{programmes} berakhir {when} — ingatkan untuk membayar iuran",
        "en": "{programmes} end {when} — remind them to pay the contribution",
    },
    "outreach.do.abroad": {
        "id": "Bekerja di luar negeri tanpa JKK — hubungi pekerja atau keluarganya dan bantu mendaftar "
        "sebagai peserta PMI",
        "en": "Working abroad without JKK — contact the worker or their family and help them register "
        "as a PMI participant",
    },
    "outreach.do.prospective": {
        "id": "Berangkat {when} tanpa JKK — pastikan JKK dan JKM dibayar sebelum berangkat",
        "en": "Leaving {when} without JKK — make sure JKK and JKM are paid before departure",
    },
    "outreach.do.prospective_undated": {
        "id": "Calon PMI tanpa JKK — pastikan JKK dan JKM dibayar sebelum berangkat",
        "en": "Prospective PMI without JKK — make sure JKK and JKM are paid before departure",
    },
    "outreach.do.lapsed": {
        "id": "JKK berakhir {when} — ajak mendaftar kembali",
        "en": "JKK ended {when} — help them register again",
    },
    "outreach.do.never": {
        "id": "Belum pernah tercatat ikut JKK — tawarkan pendaftaran BPJS Ketenagakerjaan",
        "en": "No JKK on record — offer BPJS Ketenagakerjaan registration",
    },
    "outreach.do.returned": {
        "id": "Kembali dari {country} {when} ({occupation}) — hubungi dan mulai rencana pelatihan",
        "en": "Back from {country} on {when} ({occupation}) — contact them and start a training plan",
    },
    "outreach.contact": {"id": "Catat kontak", "en": "Record a contact"},
    "outreach.contacted_on": {"id": "Dihubungi pada tanggal", "en": "Contacted on"},
    "outreach.outcome": {"id": "Hasil", "en": "Outcome"},
    "outreach.outcome.reached": {"id": "Berhasil dihubungi", "en": "Reached"},
    "outreach.outcome.referred": {
        "id": "Dirujuk (pelatihan, BPJS, lowongan)",
        "en": "Referred (training, BPJS, vacancies)",
    },
    "outreach.outcome.declined": {"id": "Tidak berminat", "en": "Not interested"},
    "outreach.outcome.no_answer": {"id": "Tidak menjawab", "en": "No answer"},
    "outreach.outcome.unreachable": {"id": "Tidak dapat dihubungi", "en": "Unreachable"},
    "outreach.save_contact": {"id": "Simpan", "en": "Save"},
    "outreach.contact_saved": {"id": "Kontak sudah dicatat.", "en": "The contact is recorded."},
    "outreach.follow_up_rule": {
        "id": "PMI purna dianggap sudah ditindaklanjuti bila sejak tanggal kembali ada rencana pelatihan "
        "yang disimpan di catatannya, atau kontak yang dicatat dengan hasil berhasil dihubungi, dirujuk "
        "atau tidak berminat. Kontak tanpa jawaban tetap tercatat, tetapi tidak menghapus nama dari "
        "daftar.",
        "en": "A returned PMI counts as followed up once, since the day of return, a training plan has "
        "been saved to their record, or a contact has been recorded as reached, referred or not "
        "interested. Unanswered contacts are kept on record but do not take the name off the list.",
    },
    "outreach.other_office": {
        "id": "Daftar ini hanya untuk kantor Anda sendiri.",
        "en": "These lists are for your own office only.",
    },
    "outreach.csv_counsellor_only": {
        "id": "Unduhan daftar hanya untuk konselor kantor tersebut.",
        "en": "Only the office's counsellors can download its lists.",
    },
    "outreach.bad_contact": {
        "id": "Kontak tidak dapat dicatat: periksa tanggal dan hasilnya.",
        "en": "The contact cannot be recorded: check its date and outcome.",
    },
    "returned.title": {"id": "Pengalaman kerja di luar negeri", "en": "Work experience abroad"},
    "returned.destination": {"id": "Negara penempatan", "en": "Country of placement"},
    "returned.occupation": {"id": "Pekerjaan", "en": "Occupation"},
    "returned.years": {"id": "Lama bekerja", "en": "Time abroad"},
    "returned.years_n": {"id": "{n} tahun", "en": "{n} years"},
    "returned.back": {"id": "kembali {when}", "en": "back on {when}"},
    "returned.hint": {
        "id": "Keterampilan dari pekerjaan di luar negeri bisa menjadi titik awal: lihat pekerjaan yang "
        "bisa dituju di sini dan pelatihan yang dibutuhkan.",
        "en": "The skills of the work abroad can be the starting point: see the jobs within reach here "
        "and the training they need.",
    },
    "returned.default": {
        "id": "Catatan pekerja belum mencantumkan pekerjaan, jadi pilihan pekerjaan dimulai dari "
        "pekerjaan di luar negeri ini.",
        "en": "The worker's record names no occupation, so their job options start from this work "
        "abroad.",
    },
    "returned.options": {
        "id": "Lihat pilihan pekerjaan dari pengalaman ini",
        "en": "See job options from this experience",
    },
    "returned.plan": {"id": "Buat rencana pelatihan: {target}", "en": "Make a training plan: {target}"},
    "returned.sector.domestic_work": {"id": "pekerjaan rumah tangga", "en": "domestic work"},
    "returned.sector.caregiving": {"id": "perawatan", "en": "caregiving"},
    "returned.sector.manufacturing": {"id": "manufaktur", "en": "manufacturing"},
    "returned.sector.construction": {"id": "konstruksi", "en": "construction"},
    "returned.sector.plantation": {"id": "perkebunan", "en": "plantation"},
    "returned.sector.agriculture": {"id": "pertanian", "en": "agriculture"},
    "returned.sector.fishing": {"id": "perikanan", "en": "fishing"},
    "returned.sector.hospitality": {"id": "perhotelan dan restoran", "en": "hospitality"},
    "returned.sector.services": {"id": "jasa", "en": "services"},
    "returned.sector.other": {"id": "lainnya", "en": "other"},
    "coverage.title": {"id": "Cakupan jaminan sosial", "en": "Social-protection coverage"},
    "coverage.intro": {
        "id": "Berapa banyak pekerja terdaftar yang dilindungi jaminan sosial pada satu hari: menurut "
        "program, provinsi, jenis kelamin, kelompok umur, pekerjaan formal/informal, dan negara "
        "penempatan PMI, di samping angka nasional.",
        "en": "How many registered workers are covered by social security on a given day: by programme, "
        "province, sex, age band, formal/informal work and PMI destination country, beside the national "
        "figures.",
    },
    "coverage.synthetic": {
        "id": "Data demo bersifat sintetis (buatan): angkanya tidak menggambarkan pekerja sungguhan.",
        "en": "Demo data is synthetic (made up): its figures do not describe real workers.",
    },
    "coverage.as_of": {"id": "Per tanggal", "en": "As of"},
    "coverage.programme_for_groups": {
        "id": "Program untuk grafik per kelompok",
        "en": "Programme of the charts by group",
    },
    "coverage.show": {"id": "Tampilkan", "en": "Show"},
    "coverage.prog.JKK+JKM": {
        "id": "JKK+JKM (kecelakaan kerja dan kematian)",
        "en": "JKK+JKM (employment injury and death)",
    },
    "coverage.prog.JKK": {"id": "JKK (jaminan kecelakaan kerja)", "en": "JKK (employment injury)"},
    "coverage.prog.JKM": {"id": "JKM (jaminan kematian)", "en": "JKM (death benefit)"},
    "coverage.prog.JHT": {"id": "JHT (jaminan hari tua)", "en": "JHT (old-age savings)"},
    "coverage.prog.JP": {"id": "JP (jaminan pensiun)", "en": "JP (pension)"},
    "coverage.prog.JKP": {"id": "JKP (jaminan kehilangan pekerjaan)", "en": "JKP (job-loss benefit)"},
    "coverage.prog.JKN": {"id": "JKN (jaminan kesehatan nasional)", "en": "JKN (national health insurance)"},
    "coverage.what_title": {"id": "Apa arti angka ini", "en": "What the figures mean"},
    "coverage.what": {
        "id": "Seperti indikator SDG 1.3.1 (proporsi penduduk yang dicakup sistem perlindungan sosial): "
        "pembilang = pekerja terdaftar yang kepesertaannya dalam program itu berlaku pada {day} (berlaku "
        "sejak tanggal mulai sampai tanggal dibayar-hingga, hari terakhir ikut dihitung); penyebut = semua "
        "pekerja terdaftar di kelompok itu yang datanya belum dihapus. Ini cakupan di antara pekerja yang "
        "dilayani, bukan seluruh penduduk.",
        "en": "Like SDG indicator 1.3.1 (the proportion of the population covered by social-protection "
        "systems): numerator = registered workers with a membership of the programme in force on {day} "
        "(from its start date up to and including its paid-until date); denominator = all registered "
        "workers of the group whose data has not been erased. It is coverage among the workers the service "
        "serves, not the whole population.",
    },
    "coverage.work_derived": {
        "id": "Data pekerja tidak mencatat apakah pekerjaannya formal atau informal, jadi kami "
        "menurunkannya dari segmen kepesertaan BPJS Ketenagakerjaan terakhir: penerima upah dan jasa "
        "konstruksi = formal, bukan penerima upah = informal. PMI (yang sedang di luar negeri atau "
        "kepesertaan terakhirnya segmen PMI) menjadi kelompok sendiri; tanpa kepesertaan = belum diketahui.",
        "en": "The workers' records do not say whether their work is formal or informal, so we derive it "
        "from the segment of their latest BPJS Ketenagakerjaan membership: wage earners and construction = "
        "formal, non-wage earners = informal. PMI (abroad on the day, or whose latest membership is of the "
        "PMI segment) are their own group; no membership = not known.",
    },
    "coverage.suppressed": {"id": "disembunyikan", "en": "suppressed"},
    "coverage.suppressed_means": {
        "id": "angkanya kurang dari {min} orang (atau ikut disembunyikan agar kelompok kecil tidak dapat "
        "dihitung). Angka yang disembunyikan tidak pernah ditulis sebagai 0.",
        "en": "the figure is under {min} people (or hidden too so that a small group cannot be worked out). "
        "A suppressed figure is never written as 0.",
    },
    "coverage.chart.programme": {"id": "Cakupan menurut program", "en": "Coverage by programme"},
    "coverage.chart.province": {"id": "Menurut provinsi (berperingkat)", "en": "By province (ranked)"},
    "coverage.chart.sex": {"id": "Menurut jenis kelamin", "en": "By sex"},
    "coverage.chart.age": {"id": "Menurut kelompok umur", "en": "By age band"},
    "coverage.chart.work": {"id": "Formal, informal dan PMI", "en": "Formal, informal and PMI"},
    "coverage.chart.destination": {
        "id": "PMI di luar negeri menurut negara penempatan",
        "en": "PMI abroad by destination country",
    },
    "coverage.about.programme": {
        "id": "Semua pekerja terdaftar; satu baris per program.",
        "en": "All registered workers; one line per programme.",
    },
    "coverage.about.province": {
        "id": "Program: {programme}. Provinsi dengan cakupan tertinggi di atas.",
        "en": "Programme: {programme}. The best-covered province first.",
    },
    "coverage.about.sex": {"id": "Program: {programme}.", "en": "Programme: {programme}."},
    "coverage.about.age": {
        "id": "Program: {programme}. Kelompok umur ILO, dari tahun lahir (umur yang dicapai pada tahun itu).",
        "en": "Programme: {programme}. ILO age bands, from the birth year (the age reached in that year).",
    },
    "coverage.about.work": {"id": "Program: {programme}.", "en": "Programme: {programme}."},
    "coverage.about.destination": {
        "id": "PMI yang berada di luar negeri pada hari itu (sudah berangkat, belum kembali); dihitung "
        "terlindungi bila JKK dan JKM keduanya berlaku.",
        "en": "PMI abroad on the day (departed, not yet back); counted covered when both JKK and JKM are in "
        "force.",
    },
    "coverage.total": {
        "id": "{label}: {covered} dari {workers} pekerja terlindungi ({share}).",
        "en": "{label}: {covered} of {workers} workers covered ({share}).",
    },
    "coverage.too_few": {
        "id": "Belum ditampilkan: kurang dari {min} orang.",
        "en": "Not shown yet: fewer than {min} people.",
    },
    "coverage.col.group": {"id": "Kelompok", "en": "Group"},
    "coverage.col.programme": {"id": "Program", "en": "Programme"},
    "coverage.col.covered": {"id": "Terlindungi (pembilang)", "en": "Covered (numerator)"},
    "coverage.col.workers": {"id": "Pekerja terdaftar (penyebut)", "en": "Registered workers (denominator)"},
    "coverage.col.share": {"id": "Cakupan", "en": "Share"},
    "coverage.col.placed_2023": {
        "id": "Penempatan PMI 2023 (BP2MI)",
        "en": "PMI placements 2023 (BP2MI)",
    },
    "coverage.col.bpjs_split": {
        "id": "Bagian dari peserta PMI BPJS TK, Jun 2024",
        "en": "Share of BPJS TK's PMI participants, Jun 2024",
    },
    "coverage.col.bpjs_active": {
        "id": "Peserta aktif BPJS TK, Des 2023",
        "en": "Active BPJS TK participants, Dec 2023",
    },
    "coverage.col.bpjs_active_share": {
        "id": "Aktif dari yang terdaftar di BPJS TK",
        "en": "Active of those registered with BPJS TK",
    },
    "coverage.province_national": {
        "id": "Dua kolom terakhir: angka BPJS Ketenagakerjaan per provinsi (Des 2023; baru 28 dari 38 "
        "provinsi tercatat), sumbernya di bagian angka nasional. Bandingkan dengan hati-hati: "
        "penyebut BPJS adalah peserta terdaftar, penyebut kami pekerja yang terdaftar di layanan.",
        "en": "The last two columns: BPJS Ketenagakerjaan's figures by province (Dec 2023; 28 of 38 "
        "provinces captured), sources in the national figures below. Compare with care: BPJS's "
        "denominator is its registered participants, ours the workers registered with the service.",
    },
    "coverage.other_groups": {
        "id": "Kelompok lain yang disembunyikan, digabung",
        "en": "The other, suppressed groups together",
    },
    "coverage.destination_national": {
        "id": "Kolom BPJS TK adalah pembagian peserta PMI BPJS Ketenagakerjaan menurut negara (berapa persen "
        "dari semua peserta PMI bekerja di negara itu), bukan persentase PMI di negara itu yang terdaftar. "
        "DJSN memperkirakan sekitar 60% PMI belum terdaftar di BPJS Ketenagakerjaan.",
        "en": "The BPJS TK column is how BPJS Ketenagakerjaan's PMI participants split by country (what "
        "percent of all PMI participants work there), not the share of PMI in that country who are "
        "registered. DJSN estimates that about 60% of PMI are not registered with BPJS Ketenagakerjaan.",
    },
    "coverage.csv": {
        "id": "Unduh angka ini untuk semua program (CSV)",
        "en": "Download these figures for every programme (CSV)",
    },
    "coverage.national_title": {
        "id": "Angka nasional sebagai pembanding",
        "en": "National figures beside ours",
    },
    "coverage.ref.bpjs_tk_participants_active": {
        "id": "peserta aktif BPJS Ketenagakerjaan",
        "en": "active BPJS Ketenagakerjaan participants",
    },
    "coverage.ref.bpjs_tk_participants_total": {
        "id": "peserta terdaftar BPJS Ketenagakerjaan (aktif dan tidak aktif)",
        "en": "registered BPJS Ketenagakerjaan participants (active and non-active)",
    },
    "coverage.ref.employed": {
        "id": "penduduk bekerja (BPS, Sakernas)",
        "en": "employed people (BPS, Sakernas)",
    },
    "coverage.ref.jkn_coverage": {
        "id": "penduduk yang menjadi peserta JKN (BPJS Kesehatan)",
        "en": "of the population are JKN members (BPJS Kesehatan)",
    },
    "coverage.ref.pmi_placements": {"id": "penempatan PMI (BP2MI)", "en": "PMI placements (BP2MI)"},
    "coverage.ref.bpjs_tk_pmi_participants": {
        "id": "peserta PMI BPJS Ketenagakerjaan",
        "en": "PMI participants of BPJS Ketenagakerjaan",
    },
    "coverage.source": {"id": "Sumber:", "en": "Source:"},
    "coverage.national_compare": {
        "id": "Sebagai gambaran: {active} peserta aktif dari {employed} penduduk bekerja berarti sekitar "
        "{share} pekerja terlindungi BPJS Ketenagakerjaan. Angka nasional dikutip dari berita "
        "yang melaporkan rilis resmi; tautannya ada di atas.",
        "en": "For scale: {active} active participants of {employed} employed means about {share} of "
        "workers are covered by BPJS Ketenagakerjaan. The national figures are quoted from "
        "news reports of the official releases; the links are above.",
    },
    "coverage.csv_national": {
        "id": "Unduh angka nasional dengan sumbernya (CSV)",
        "en": "Download the national figures with their sources (CSV)",
    },
    # --- a young person's digital pathways (/minat/jalur, issue 19): a young person is "kamu" ---------
    "pathways.title": {
        "id": "Jalur digital dan tempat pelatihan",
        "en": "Digital pathways and training places",
    },
    "pathways.for": {"id": "Pekerjaan yang cocok denganmu: {names}", "en": "Jobs that suit you: {names}"},
    "pathways.digital_means": {
        "id": "Keterampilan digital artinya kemampuan memakai komputer, HP, internet dan aplikasi untuk "
        "bekerja, misalnya membuat desain di komputer atau mengelola media sosial sebuah toko.",
        "en": "Digital skills means being able to use computers, phones, the internet and apps for work, "
        "for example making designs on a computer or running a shop's social media.",
    },
    "pathways.intro": {
        "id": "Di bawah ini: pekerjaan digital yang cocok denganmu, keterampilan yang perlu kamu pelajari, "
        "kursus termurah untuk itu, dan tempat pelatihan di provinsimu.",
        "en": "Below: the digital jobs that suit you, the skills you need to learn, the cheapest courses "
        "for them, and the training places in your province.",
    },
    "pathways.nearby": {
        "id": "Pekerjaan yang cocok denganmu bukan pekerjaan digital. Ini pekerjaan digital yang paling "
        "dekat dengannya: bidang kerjanya sama atau mirip, atau sebagian keterampilannya sama.",
        "en": "The jobs that suit you are not digital jobs. These are the digital jobs closest to them: "
        "the same or a similar field of work, or some of the same skills.",
    },
    "pathways.near_of": {"id": "Dekat dengan: {name}", "en": "Close to: {name}"},
    "pathways.share": {
        "id": "{share}% keterampilan utamanya adalah keterampilan digital.",
        "en": "{share}% of its main skills are digital skills.",
    },
    "pathways.learn": {"id": "Yang perlu kamu pelajari", "en": "What you need to learn"},
    "pathways.learn_none": {
        "id": "Tidak ada keterampilan digital yang wajib untuk pekerjaan ini.",
        "en": "This job needs no digital skill you must have.",
    },
    "pathways.more": {"id": "dan {n} lainnya", "en": "and {n} more"},
    "pathways.courses": {
        "id": "Kursus termurah (anggaran Rp{budget})",
        "en": "The cheapest courses (budget Rp{budget})",
    },
    "pathways.courses_none": {
        "id": "Belum ada kursus untuk keterampilan ini dalam anggaranmu, di provinsimu atau online.",
        "en": "No course for these skills fits your budget, in your province or online.",
    },
    "pathways.mode_online": {"id": "Online", "en": "Online"},
    "pathways.mode_offline": {"id": "Tatap muka di {place}", "en": "In person in {place}"},
    "pathways.mode_hybrid": {
        "id": "Online dan tatap muka di {place}",
        "en": "Online and in person in {place}",
    },
    "pathways.free": {"id": "Gratis", "en": "Free"},
    "pathways.teaches": {"id": "Kamu belajar: {skills}", "en": "You learn: {skills}"},
    "pathways.provider": {"id": "Oleh {name}", "en": "By {name}"},
    "pathways.total": {
        "id": "Total Rp{cost} dari anggaran Rp{budget}.",
        "en": "Total Rp{cost} of your Rp{budget} budget.",
    },
    "pathways.left": {
        "id": "{n} keterampilan lainnya belum dipelajari di kursus di atas. Rencana lengkap punya "
        "pilihan lain.",
        "en": "{n} other skills are not taught by the courses above. The full plan has more choices.",
        "en_one": "1 other skill is not taught by the courses above. The full plan has more choices.",
    },
    "pathways.all_covered": {
        "id": "Kursus ini mengajarkan semua keterampilan di atas.",
        "en": "These courses teach every skill above.",
    },
    "pathways.full_plan": {"id": "Lihat rencana lengkap", "en": "See the full plan"},
    "pathways.posted": {"id": "Di mana lowongannya?", "en": "Where are the jobs?"},
    "pathways.posted_count": {"id": "{n} lowongan", "en": "{n} ads", "en_one": "1 ad"},
    "pathways.posted_none": {
        "id": "Belum ada lowongan untuk pekerjaan ini di data kami.",
        "en": "There are no job ads for this job in our data yet.",
    },
    "pathways.places": {"id": "Tempat pelatihan di {province}", "en": "Training places in {province}"},
    "pathways.places_intro": {
        "id": "Diurutkan dari yang paling banyak mengajarkan keterampilan untuk pekerjaan yang cocok "
        "denganmu. Tempat online bisa kamu ikuti dari mana saja.",
        "en": "Sorted by how many of the skills for the jobs that suit you they teach. Online places "
        "can be joined from anywhere.",
    },
    "pathways.teaches_of": {
        "id": "mengajarkan {n} dari {total} keterampilan yang dibutuhkan",
        "en": "teaches {n} of the {total} skills needed",
    },
    "pathways.online_place": {"id": "online, bisa dari mana saja", "en": "online, from anywhere"},
    "pathways.its_courses": {"id": "Kursusnya", "en": "Its courses"},
    "pathways.places_none": {
        "id": "Belum ada tempat pelatihan di provinsimu yang mengajarkan keterampilan ini.",
        "en": "No training place in your province teaches these skills yet.",
    },
    "pathways.choose_province": {
        "id": "Pilih provinsimu untuk melihat tempat pelatihan di dekatmu.",
        "en": "Choose your province to see the training places near you.",
    },
    "pathways.province": {"id": "Provinsi", "en": "Province"},
    "pathways.no_province": {"id": "— pilih —", "en": "— choose —"},
    "pathways.budget": {"id": "Anggaran (rupiah)", "en": "Budget (rupiah)"},
    "pathways.show": {"id": "Tampilkan", "en": "Show"},
    "pathways.back": {"id": "Kembali ke tes minat", "en": "Back to the interest test"},
    "pathways.problem.no_occupation": {
        "id": "Belum ada pekerjaan yang dipilih. Isi tes minat dulu, lalu buka halaman ini dari hasilnya.",
        "en": "No job has been chosen yet. Take the interest test first, then open this page from its "
        "results.",
    },
    "pathways.problem.too_many": {
        "id": "Terlalu banyak pekerjaan: paling banyak 20.",
        "en": "Too many jobs: at most 20.",
    },
    "pathways.problem.unknown_occupation": {
        "id": "Pekerjaan “{value}” tidak kami kenal. Buka halaman ini dari hasil tes minat.",
        "en": "We don't know the job “{value}”. Open this page from the interest test's results.",
    },
    "pathways.problem.unknown_province": {
        "id": "Provinsi “{value}” tidak kami kenal. Pilih provinsi dari daftar.",
        "en": "We don't know the province “{value}”. Choose a province from the list.",
    },
    "pathways.problem.unknown_skill": {
        "id": "Keterampilan “{value}” tidak kami kenal. Buka halaman ini dari hasil tes minat.",
        "en": "We don't know the skill “{value}”. Open this page from the interest test's results.",
    },
    "pathways.problem.too_many_skills": {
        "id": "Terlalu banyak keterampilan. Buka halaman ini dari hasil tes minat.",
        "en": "Too many skills. Open this page from the interest test's results.",
    },
    "pathways.own_skills": {
        "id": "Yang sudah kamu bisa (tidak perlu dipelajari lagi): {skills}",
        "en": "What you can already do (no need to learn it again): {skills}",
    },
}


MONTHS: dict[Lang, tuple[str, ...]] = {
    "id": ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}


def format_when(value: date | str | None, lang: Lang = "id") -> str:
    """A date or a moment as people write it: ``29 Nov 2026 14:05``, ``4 Agu 2027``; ``""`` for none.

    >>> format_when(datetime(2026, 8, 4, 14, 5, 9)), format_when("2027-08-04", "en")
    ('4 Agu 2026 14:05', '4 Aug 2027')
    """
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if len(value) > 10 else date.fromisoformat(value)
    day = f"{value.day} {MONTHS[lang][value.month - 1]} {value.year}"
    return f"{day} {value:%H:%M}" if isinstance(value, datetime) else day


def translator(lang: Lang) -> Callable[..., str]:
    """``t(key, **values)`` for templates."""

    def t(key: str, **values: object) -> str:
        return translate(PAGES, key, lang, **values)

    return t
