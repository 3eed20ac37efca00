"""Indonesia's regencies (kabupaten) and cities (kota) by province, as data.

The list has the 514 kabupaten/kota of the 2020 administrative division (names as in the
MIT-licensed ``daftar_kota_kabupaten_id.csv`` of yasirabd/solver-society-job-analysis), with the
Papua regencies moved to the four provinces created in 2022 (Papua Selatan, Tengah, Pegunungan and
Barat Daya). Per province: kabupaten names, then kota names, comma-separated. Jakarta's five
*kota administrasi* are listed as kota and Kepulauan Seribu as a kabupaten (an administrative
regency). BPS four-digit codes are given only where curated (``CITY_CODES``); the rest carry the
province code alone.

``TOWNS`` is a small curated list (not official) of towns and districts that job ads name instead of
their regency, such as Cikarang (Kabupaten Bekasi) or Serpong (Kota Tangerang Selatan).

>>> len(REGENCIES["31"][1].split(","))
5
"""

from __future__ import annotations

REGENCIES: dict[str, tuple[str, str]] = {
    "11": (
        (
            "Aceh Barat,Aceh Barat Daya,Aceh Besar,Aceh Jaya,Aceh Selatan,Aceh Singkil,Aceh Tamiang,"
            "Aceh Tengah,Aceh Tenggara,Aceh Timur,Aceh Utara,Bener Meriah,Bireuen,Gayo Lues,"
            "Nagan Raya,Pidie,Pidie Jaya,Simeulue"
        ),
        "Banda Aceh,Langsa,Lhokseumawe,Sabang,Subulussalam",
    ),
    "12": (
        (
            "Asahan,Batu Bara,Dairi,Deli Serdang,Humbang Hasundutan,Karo,Labuhanbatu,"
            "Labuhanbatu Selatan,Labuhanbatu Utara,Langkat,Mandailing Natal,Nias,Nias Barat,"
            "Nias Selatan,Nias Utara,Padang Lawas,Padang Lawas Utara,Pakpak Bharat,Samosir,"
            "Serdang Bedagai,Simalungun,Tapanuli Selatan,Tapanuli Tengah,Tapanuli Utara,Toba"
        ),
        ("Binjai,Gunungsitoli,Medan,Padangsidempuan,Pematangsiantar,Sibolga,Tanjungbalai,Tebing Tinggi"),
    ),
    "13": (
        (
            "Agam,Dharmasraya,Kepulauan Mentawai,Lima Puluh Kota,Padang Pariaman,Pasaman,"
            "Pasaman Barat,Pesisir Selatan,Sijunjung,Solok,Solok Selatan,Tanah Datar"
        ),
        "Bukittinggi,Padang,Padangpanjang,Pariaman,Payakumbuh,Sawahlunto,Solok",
    ),
    "14": (
        (
            "Bengkalis,Indragiri Hilir,Indragiri Hulu,Kampar,Kepulauan Meranti,Kuantan Singingi,"
            "Pelalawan,Rokan Hilir,Rokan Hulu,Siak"
        ),
        "Dumai,Pekanbaru",
    ),
    "15": (
        (
            "Batanghari,Bungo,Kerinci,Merangin,Muaro Jambi,Sarolangun,Tanjung Jabung Barat,"
            "Tanjung Jabung Timur,Tebo"
        ),
        "Jambi,Sungaipenuh",
    ),
    "16": (
        (
            "Banyuasin,Empat Lawang,Lahat,Muara Enim,Musi Banyuasin,Musi Rawas,Musi Rawas Utara,"
            "Ogan Ilir,Ogan Komering Ilir,Ogan Komering Ulu,Ogan Komering Ulu Selatan,"
            "Ogan Komering Ulu Timur,Penukal Abab Lematang Ilir"
        ),
        "Lubuklinggau,Pagar Alam,Palembang,Prabumulih",
    ),
    "17": (
        (
            "Bengkulu Selatan,Bengkulu Tengah,Bengkulu Utara,Kaur,Kepahiang,Lebong,Mukomuko,"
            "Rejang Lebong,Seluma"
        ),
        "Bengkulu",
    ),
    "18": (
        (
            "Lampung Barat,Lampung Selatan,Lampung Tengah,Lampung Timur,Lampung Utara,Mesuji,"
            "Pesawaran,Pesisir Barat,Pringsewu,Tanggamus,Tulang Bawang,Tulang Bawang Barat,Way Kanan"
        ),
        "Bandar Lampung,Metro",
    ),
    "19": (
        "Bangka,Bangka Barat,Bangka Selatan,Bangka Tengah,Belitung,Belitung Timur",
        "Pangkalpinang",
    ),
    "21": (
        "Bintan,Karimun,Kepulauan Anambas,Lingga,Natuna",
        "Batam,Tanjungpinang",
    ),
    "31": (
        "Kepulauan Seribu",
        "Jakarta Barat,Jakarta Pusat,Jakarta Selatan,Jakarta Timur,Jakarta Utara",
    ),
    "32": (
        (
            "Bandung,Bandung Barat,Bekasi,Bogor,Ciamis,Cianjur,Cirebon,Garut,Indramayu,Karawang,"
            "Kuningan,Majalengka,Pangandaran,Purwakarta,Subang,Sukabumi,Sumedang,Tasikmalaya"
        ),
        "Bandung,Banjar,Bekasi,Bogor,Cimahi,Cirebon,Depok,Sukabumi,Tasikmalaya",
    ),
    "33": (
        (
            "Banjarnegara,Banyumas,Batang,Blora,Boyolali,Brebes,Cilacap,Demak,Grobogan,Jepara,"
            "Karanganyar,Kebumen,Kendal,Klaten,Kudus,Magelang,Pati,Pekalongan,Pemalang,Purbalingga,"
            "Purworejo,Rembang,Semarang,Sragen,Sukoharjo,Tegal,Temanggung,Wonogiri,Wonosobo"
        ),
        "Magelang,Pekalongan,Salatiga,Semarang,Surakarta,Tegal",
    ),
    "34": (
        "Bantul,Gunungkidul,Kulon Progo,Sleman",
        "Yogyakarta",
    ),
    "35": (
        (
            "Bangkalan,Banyuwangi,Blitar,Bojonegoro,Bondowoso,Gresik,Jember,Jombang,Kediri,Lamongan,"
            "Lumajang,Madiun,Magetan,Malang,Mojokerto,Nganjuk,Ngawi,Pacitan,Pamekasan,Pasuruan,"
            "Ponorogo,Probolinggo,Sampang,Sidoarjo,Situbondo,Sumenep,Trenggalek,Tuban,Tulungagung"
        ),
        "Batu,Blitar,Kediri,Madiun,Malang,Mojokerto,Pasuruan,Probolinggo,Surabaya",
    ),
    "36": (
        "Lebak,Pandeglang,Serang,Tangerang",
        "Cilegon,Serang,Tangerang,Tangerang Selatan",
    ),
    "51": (
        "Badung,Bangli,Buleleng,Gianyar,Jembrana,Karangasem,Klungkung,Tabanan",
        "Denpasar",
    ),
    "52": (
        "Bima,Dompu,Lombok Barat,Lombok Tengah,Lombok Timur,Lombok Utara,Sumbawa,Sumbawa Barat",
        "Bima,Mataram",
    ),
    "53": (
        (
            "Alor,Belu,Ende,Flores Timur,Kupang,Lembata,Malaka,Manggarai,Manggarai Barat,"
            "Manggarai Timur,Nagekeo,Ngada,Rote Ndao,Sabu Raijua,Sikka,Sumba Barat,Sumba Barat Daya,"
            "Sumba Tengah,Sumba Timur,Timor Tengah Selatan,Timor Tengah Utara"
        ),
        "Kupang",
    ),
    "61": (
        (
            "Bengkayang,Kapuas Hulu,Kayong Utara,Ketapang,Kubu Raya,Landak,Melawi,Mempawah,Sambas,"
            "Sanggau,Sekadau,Sintang"
        ),
        "Pontianak,Singkawang",
    ),
    "62": (
        (
            "Barito Selatan,Barito Timur,Barito Utara,Gunung Mas,Kapuas,Katingan,Kotawaringin Barat,"
            "Kotawaringin Timur,Lamandau,Murung Raya,Pulang Pisau,Sukamara,Seruyan"
        ),
        "Palangka Raya",
    ),
    "63": (
        (
            "Balangan,Banjar,Barito Kuala,Hulu Sungai Selatan,Hulu Sungai Tengah,Hulu Sungai Utara,"
            "Kotabaru,Tabalong,Tanah Bumbu,Tanah Laut,Tapin"
        ),
        "Banjarbaru,Banjarmasin",
    ),
    "64": (
        "Berau,Kutai Barat,Kutai Kartanegara,Kutai Timur,Mahakam Ulu,Paser,Penajam Paser Utara",
        "Balikpapan,Bontang,Samarinda",
    ),
    "65": (
        "Bulungan,Malinau,Nunukan,Tana Tidung",
        "Tarakan",
    ),
    "71": (
        (
            "Bolaang Mongondow,Bolaang Mongondow Selatan,Bolaang Mongondow Timur,"
            "Bolaang Mongondow Utara,Kepulauan Sangihe,Kepulauan Siau Tagulandang Biaro,"
            "Kepulauan Talaud,Minahasa,Minahasa Selatan,Minahasa Tenggara,Minahasa Utara"
        ),
        "Bitung,Kotamobagu,Manado,Tomohon",
    ),
    "72": (
        (
            "Banggai,Banggai Kepulauan,Banggai Laut,Buol,Donggala,Morowali,Morowali Utara,"
            "Parigi Moutong,Poso,Sigi,Tojo Una-Una,Tolitoli"
        ),
        "Palu",
    ),
    "73": (
        (
            "Bantaeng,Barru,Bone,Bulukumba,Enrekang,Gowa,Jeneponto,Kepulauan Selayar,Luwu,Luwu Timur,"
            "Luwu Utara,Maros,Pangkajene dan Kepulauan,Pinrang,Sidenreng Rappang,Sinjai,Soppeng,"
            "Takalar,Tana Toraja,Toraja Utara,Wajo"
        ),
        "Makassar,Palopo,Parepare",
    ),
    "74": (
        (
            "Bombana,Buton,Buton Selatan,Buton Tengah,Buton Utara,Kolaka,Kolaka Timur,Kolaka Utara,"
            "Konawe,Konawe Kepulauan,Konawe Selatan,Konawe Utara,Muna,Muna Barat,Wakatobi"
        ),
        "Bau-Bau,Kendari",
    ),
    "75": (
        "Boalemo,Bone Bolango,Gorontalo,Gorontalo Utara,Pohuwato",
        "Gorontalo",
    ),
    "76": (
        "Majene,Mamasa,Mamuju,Mamuju Tengah,Pasangkayu,Polewali Mandar",
        "",
    ),
    "81": (
        (
            "Buru,Buru Selatan,Kepulauan Aru,Maluku Barat Daya,Maluku Tengah,Maluku Tenggara,"
            "Kepulauan Tanimbar,Seram Bagian Barat,Seram Bagian Timur"
        ),
        "Ambon,Tual",
    ),
    "82": (
        (
            "Halmahera Barat,Halmahera Tengah,Halmahera Timur,Halmahera Selatan,Halmahera Utara,"
            "Kepulauan Sula,Pulau Morotai,Pulau Taliabu"
        ),
        "Ternate,Tidore Kepulauan",
    ),
    "91": (
        "Fakfak,Kaimana,Manokwari,Manokwari Selatan,Pegunungan Arfak,Teluk Bintuni,Teluk Wondama",
        "",
    ),
    "92": (
        "Maybrat,Raja Ampat,Sorong,Sorong Selatan,Tambrauw",
        "Sorong",
    ),
    "94": (
        "Biak Numfor,Jayapura,Keerom,Kepulauan Yapen,Mamberamo Raya,Sarmi,Supiori,Waropen",
        "Jayapura",
    ),
    "95": (
        "Asmat,Boven Digoel,Mappi,Merauke",
        "",
    ),
    "96": (
        "Deiyai,Dogiyai,Intan Jaya,Mimika,Nabire,Paniai,Puncak,Puncak Jaya",
        "",
    ),
    "97": (
        "Jayawijaya,Lanny Jaya,Mamberamo Tengah,Nduga,Pegunungan Bintang,Tolikara,Yahukimo,Yalimo",
        "",
    ),
}

# BPS codes (4 digits) known for certain; curated, not exhaustive.
CITY_CODES: dict[tuple[str, str], str] = {
    ("kab", "Kepulauan Seribu"): "3101",
    ("kota", "Jakarta Selatan"): "3171",
    ("kota", "Jakarta Timur"): "3172",
    ("kota", "Jakarta Pusat"): "3173",
    ("kota", "Jakarta Barat"): "3174",
    ("kota", "Jakarta Utara"): "3175",
}

# Town or district named in ads -> (kind, regency name, province code). Curated, not official.
TOWNS: dict[str, tuple[str, str, str]] = {
    "cikarang": ("kab", "Bekasi", "32"),
    "cibitung": ("kab", "Bekasi", "32"),
    "jababeka": ("kab", "Bekasi", "32"),
    "cibinong": ("kab", "Bogor", "32"),
    "cileungsi": ("kab", "Bogor", "32"),
    "gunung putri": ("kab", "Bogor", "32"),
    "citeureup": ("kab", "Bogor", "32"),
    "cikampek": ("kab", "Karawang", "32"),
    "serpong": ("kota", "Tangerang Selatan", "36"),
    "bsd": ("kota", "Tangerang Selatan", "36"),
    "cikupa": ("kab", "Tangerang", "36"),
    "balaraja": ("kab", "Tangerang", "36"),
    "tigaraksa": ("kab", "Tangerang", "36"),
    "solo": ("kota", "Surakarta", "33"),
    "slawi": ("kab", "Tegal", "33"),
    "kotabumi": ("kab", "Lampung Utara", "18"),
    "kalianda": ("kab", "Lampung Selatan", "18"),
    "muara sabak": ("kab", "Tanjung Jabung Timur", "15"),
    "duri": ("kab", "Bengkalis", "14"),
    "baturaja": ("kab", "Ogan Komering Ulu", "16"),
    "abepura": ("kota", "Jayapura", "94"),
    "sofifi": ("kota", "Tidore Kepulauan", "82"),
    "tanjung selor": ("kab", "Bulungan", "65"),
    "kuta": ("kab", "Badung", "51"),
    "nusa dua": ("kab", "Badung", "51"),
    "jimbaran": ("kab", "Badung", "51"),
    "canggu": ("kab", "Badung", "51"),
    "ubud": ("kab", "Gianyar", "51"),
    "singaraja": ("kab", "Buleleng", "51"),
    "sampit": ("kab", "Kotawaringin Timur", "62"),
    "timika": ("kab", "Mimika", "96"),
    "wamena": ("kab", "Jayawijaya", "97"),
    "maumere": ("kab", "Sikka", "53"),
    "luwuk": ("kab", "Banggai", "72"),
}
