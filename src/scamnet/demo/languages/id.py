"""Indonesian text bank (written for the project; fictional people and places)."""

from scamnet.demo.lexicon import Lexicon

LEXICON = Lexicon(
    code="id",
    countries=("ID",),
    victim_names=(
        "Budi",
        "Siti",
        "Agus",
        "Dewi",
        "Rudi",
        "Rina",
        "Hendra",
        "Putri",
        "Wahyu",
        "Yuni",
    ),
    persona_names=("Lina", "Jessica", "Kak Mira", "Andre", "Clara Wijaya", "Nadia", "Mr. Tan"),
    scammer={
        "contact": (
            "Halo, maaf salah kirim. Ini bukan [[Bu Rina|Pak Hendra|Kak Dewi]] dari grup arisan "
            "ya?",
            "Hai, aku {persona}, kita match di [[Tinder|Tantan|Facebook]] tapi aplikasinya error, "
            "jadi pindah ke sini ya 😊",
            "Halo {victim}, aku lihat komentarmu di grup traveling, boleh kenalan? 👋",
        ),
        "rapport": (
            "Hari ini aku lembur sampai malam, baru selesai makan. Kamu sudah makan belum?",
            "Tanteku di Singapura yang membesarkanku, makanya keluarga itu segalanya buatku.",
            "Ngobrol sama kamu bikin nyaman, rasanya sudah kenal lama.",
            "Selamat pagi sayang ☀️ jangan lupa sarapan ya.",
        ),
        "pitch": (
            "Tanteku analis kripto di Hong Kong, minggu ini aku ikut sinyalnya di {site} dan "
            "untung {profit} USDT.",
            "Coba buka akun di {site}, mulai kecil dulu, 5 juta juga cukup, aku ajari pelan-pelan.",
            "Order kontrak ini cuma buka 30 menit, nanti aku kabari kapan masuk.",
        ),
        "deposit": (
            "Beli USDT di exchange lalu kirim ke dompet deposit platform: {wallet}",
            "CS kasih alamat deposit khusus buat kamu: {wallet} cek lagi sebelum transfer ya.",
        ),
        "profit": (
            "Lihat, akunmu sudah naik [[38|42|55]]%! 🎉",
            "Selamat {victim}, hari ini profit {profit} USDT, besok kita tambah modal ya.",
        ),
        "withdrawal_blocked": (
            "Kata CS kamu harus bayar pajak penghasilan {tax}% dulu baru dana bisa ditarik.",
            "Akunmu dibekukan bagian risiko karena transaksi tidak wajar, harus bayar deposit "
            "jaminan untuk membuka.",
        ),
        "pressure": (
            "Kalau besok tidak bayar, semua dana akan disita, aku tidak bisa bantu lagi.",
            "Aku sudah percaya sampai pinjamkan uangku sendiri, jangan kecewakan aku.",
            "Platform bilang kamu melanggar kontrak dan akan lapor polisi.",
        ),
    },
    victim={
        "contact": ("Maaf, salah nomor.", "Hai, iya aku ingat.", "Ini siapa ya?"),
        "rapport": (
            "Haha aku juga baru pulang kerja, capek banget.",
            "Makasih perhatiannya, sejak cerai aku jarang ngobrol sama orang.",
            "Sudah makan. Kamu jago masak ya!",
        ),
        "pitch": ("Aku kurang paham kripto, aman nggak?", "Oke sudah daftar, terus gimana?"),
        "deposit": (
            "Sudah transfer {amount} {currency}, ini buktinya.",
            "Sudah kirim, statusnya pending.",
        ),
        "profit": ("Wah, saldonya jadi {profit}!", "Perlu tambah lagi nggak?"),
        "withdrawal_blocked": (
            "Kenapa nggak bisa tarik? Katanya akun dibekukan.",
            "Aku sudah bayar semua, kenapa ada biaya lagi?",
        ),
        "pressure": ("Tolong, aku sudah nggak punya uang.", "Aku mau lapor polisi."),
    },
    narrative={
        "contact": (
            "Pada [[bulan Maret|akhir tahun lalu|pertengahan tahun]] seseorang bernama {persona} "
            "menghubungi saya lewat {app}, katanya salah kirim.",
            "Saya kenal {persona} dari aplikasi kencan, lalu dia minta pindah ngobrol ke {app}.",
            "{persona} menambahkan saya di {app} setelah saya berkomentar di grup traveling.",
        ),
        "rapport": (
            "Kami chat setiap hari selama [[tiga minggu|lebih dari sebulan|hampir dua bulan]]. Dia "
            "bilang tinggal di [[Singapura|Hong Kong|Kuala Lumpur]] dan punya bisnis butik.",
            "Dia sangat perhatian, kirim ucapan selamat pagi dan foto makan siang, katanya ingin "
            "datang menemui saya.",
        ),
        "pitch": (
            "Lalu {persona} bilang pamannya punya info orang dalam soal kontrak kripto dan "
            "mengirim tangkapan layar profit dari {site}.",
            "Saya diarahkan membuka akun di platform trading {site}, situsnya terlihat profesional "
            "dengan grafik dan layanan pelanggan.",
        ),
        "deposit": (
            "Deposit pertama kecil, tapi dalam [[enam|delapan|sepuluh]] minggu saya mengirim total "
            "{amount} {currency} ke dompet {wallet} dari 'customer service'.",
            "Saya membeli USDT dan mengirimnya ke alamat {wallet} sesuai instruksi, totalnya "
            "{amount} {currency}.",
        ),
        "profit": (
            "Saldo di situs terus naik, sempat lebih dari {profit} USDT.",
            "Awalnya saya bisa menarik sedikit dana, jadi saya percaya.",
        ),
        "withdrawal_blocked": (
            "Saat mau menarik dana, CS bilang harus bayar pajak {tax}% dari keuntungan dulu.",
            "Kemudian akun saya 'dibekukan karena aktivitas mencurigakan' dan diminta uang "
            "jaminan.",
        ),
        "pressure": (
            "{persona} marah, bilang saya merusak masa depan kami dan dana akan disita kalau tidak "
            "bayar.",
            "Mereka terus menelepon dan mengancam menuntut saya karena melanggar kontrak.",
        ),
    },
    identifier={
        "phone": (
            "Nomor yang menghubungi saya {phone}.",
            "No. HP pelaku: {phone}",
            "WhatsApp dia {phone}.",
        ),
        "handle": ("Kontak CS: {handle}", "Akun pelaku: {handle}"),
        "wallet": ("Alamat deposit: {wallet}", "USDT dikirim ke {wallet}."),
        "site": ("Situs platformnya {site}.", "Situs palsu: {site}"),
    },
    no_indicator=(
        "Saya tertipu investasi kripto oleh kenalan online dan kehilangan tabungan. Chat sudah "
        "saya hapus karena malu dan saya lupa alamat situsnya. Saya hanya ingin melapor.",
        "Ibu saya diajak investasi oleh orang di Facebook, rugi banyak tapi tidak mau menunjukkan "
        "chatnya.",
    ),
    not_scam_reports=(
        "Saya dapat SMS paket tertahan. Saya cek langsung ke kantor pos dan ternyata pemberitahuan "
        "pengiriman asli, tidak ada kerugian.",
        "Ada yang mau beli sepeda bekas saya, ketemu langsung bayar tunai, semuanya aman.",
    ),
    not_scam_chat=(
        (0, "Bu, Minggu pulang makan bareng ya?"),
        (1, "Iya nak, Ibu masak rendang. Bapak jemput nenek?"),
        (0, "Iya Bu. Bawa kursi lipat juga ya."),
        (1, "Oke, sekitar jam 6 sampai."),
        (0, "Asyik, anak-anak kangen nenek ❤️"),
    ),
    exchange_mention=(
        "Saya beli USDT di [[binance.com|okx.com|coinbase.com]] dulu.",
        "Mereka suruh daftar di [[okx.com|binance.com|coinbase.com]] untuk beli koin.",
    ),
    shortener_mention=(
        "Dia kirim link {short} untuk unduh aplikasinya.",
        "Aplikasinya diunduh dari {short}.",
    ),
    contact_email=("Email saya: {email}", "Saya bisa dihubungi di {email}."),
    media_caption=("Pemandangan dari kantorku hari ini",),
    task={
        "contact": (
            "Seseorang menawari kerja paruh waktu lewat {app}: like video YouTube dan kasih rating "
            "hotel, dibayar Rp 50.000 per tugas.",
        ),
        "pitch": (
            "Tugas awal dibayar komisi kecil, lalu saya masuk 'tugas kombo' di {site} yang harus "
            "deposit dulu.",
        ),
        "deposit": (
            "Untuk menyelesaikan kombo saya harus isi {amount} {currency} ke {wallet}.",
        ),
        "withdrawal_blocked": (
            "Waktu mau tarik komisi, mentornya bilang skor kredit saya kurang dan harus bayar "
            "lagi.",
        ),
    },
    task_scammer={
        "pitch": (
            "Coba dulu 3 tugas gratis: like video yang aku kirim lalu kirim tangkapan layarnya, "
            "komisi langsung dibayar.",
            "Daftar tugas hari ini ada di {site}, login pakai akun yang sudah aku buatkan.",
        ),
        "profit": (
            "Mantap! Komisi {profit} USDT sudah masuk ke akunmu 🎉",
            "Kamu sudah selesai 30 tugas, bonusnya sudah masuk.",
        ),
        "deposit": (
            "Ini tugas prabayar merchant. Isi {amount} {currency} ke {wallet}, nanti modal kembali "
            "plus komisi 30%.",
        ),
        "withdrawal_blocked": (
            "Kamu salah di tugas ke-27 jadi skor kredit turun ke 60, harus isi lagi untuk "
            "memulihkan sebelum penarikan.",
            "Tugas kombo belum selesai, sistem tidak bisa mencairkan komisi.",
        ),
        "pressure": (
            "Kalau hari ini kombo tidak diselesaikan, semua dana dibekukan permanen.",
            "Semua anggota grup sudah selesai, jangan sia-siakan uang yang sudah kamu setor.",
        ),
    },
    task_victim={
        "pitch": ("Oke, sudah kirim tangkapan layar.", "Cuma like video saja?"),
        "profit": ("Sudah masuk, makasih!",),
        "deposit": ("Sudah isi {amount} {currency}.",),
        "withdrawal_blocked": ("Kenapa komisiku nggak bisa ditarik?",),
        "pressure": ("Uangku sudah habis, tolong kembalikan modalku.",),
    },
    recruitment=(
        "Adik saya melamar lowongan customer service di Kamboja, gaji tinggi, tiket pesawat "
        "dibayar, tanpa pengalaman. Perekrutnya menghubungi lewat {app} dengan nomor {phone}. "
        "Sekarang dia ditahan di sebuah kompleks, paspornya diambil dan mereka minta tebusan.",
    ),
    other_scams={
        "advance_fee": (
            "Saya dapat pesan menang undian mobil dan harus bayar biaya administrasi {amount} "
            "{currency} dulu. Nomor pengirim {phone}.",
        ),
    },
)
