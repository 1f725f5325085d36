"""Spanish text bank (written for the project; fictional people and places)."""

from scamnet.demo.lexicon import Lexicon

LEXICON = Lexicon(
    code="es",
    countries=("MX", "ES", "CO", "AR"),
    victim_names=(
        "Carlos",
        "María",
        "José",
        "Lucía",
        "Javier",
        "Ana",
        "Miguel",
        "Sofía",
        "Diego",
        "Valentina",
    ),
    persona_names=("Lucía Chen", "Sofía", "Daniela", "Alex Wong", "Mónica", "Isabel", "Kevin"),
    scammer={
        "contact": (
            "Hola, perdón, creo que me equivoqué de número. ¿No eres [[Carmen|el señor Ruiz|Paty]] "
            "del grupo de yoga?",
            "Hola, soy {persona}, hicimos match en [[Tinder|Bumble|Facebook Parejas]] pero la app "
            "se cierra sola, mejor hablamos aquí 😊",
            "Hola {victim}, vi tu comentario en el grupo de viajes y quise saludarte 👋",
        ),
        "rapport": (
            "Hoy salí tarde del trabajo, apenas cené. ¿Ya comiste?",
            "Mi tía en Hong Kong me crió, por eso la familia es lo más importante para mí.",
            "Me siento muy a gusto hablando contigo, como si nos conociéramos de hace años.",
            "Buenos días guapo ☀️ no olvides desayunar.",
        ),
        "pitch": (
            "Mi tía es analista de criptomonedas, esta semana seguí sus señales en {site} y gané "
            "{profit} USDT.",
            "Abre una cuenta en {site} y empieza con poco, unos 500 dólares, yo te enseño paso a "
            "paso.",
            "La operación de contrato solo está abierta 30 minutos, yo te aviso cuándo entrar.",
        ),
        "deposit": (
            "Compra USDT en un exchange y envíalo a la billetera de depósito de la plataforma: "
            "{wallet}",
            "Atención al cliente te asignó esta dirección de depósito: {wallet} revísala bien "
            "antes de enviar.",
        ),
        "profit": (
            "¡Mira, tu cuenta ya sube [[38|42|55]]%! 🎉",
            "Felicidades {victim}, hoy ganaste {profit} USDT, la próxima vez hacemos una posición "
            "más grande.",
        ),
        "withdrawal_blocked": (
            "Atención al cliente dice que debes pagar {tax}% de impuesto sobre la renta antes de "
            "liberar el retiro.",
            "Tu cuenta fue congelada por el departamento de riesgos por operaciones irregulares, "
            "tienes que pagar un depósito de garantía.",
        ),
        "pressure": (
            "Si no pagas mañana, confiscarán todos tus fondos y ya no podré ayudarte.",
            "Confié en ti y hasta te presté mi propio dinero, no me decepciones.",
            "La plataforma dice que incumpliste el contrato y te va a denunciar a la policía.",
        ),
    },
    victim={
        "contact": (
            "No, perdón, número equivocado.",
            "¡Hola! Sí, me acuerdo de tu perfil.",
            "¿Quién eres?",
        ),
        "rapport": (
            "Jaja yo también acabo de salir del trabajo, qué día tan pesado.",
            "Gracias por preocuparte, desde el divorcio hablo poco con la gente.",
            "Sí, ya cené. ¡Cocinas muy bien!",
        ),
        "pitch": ("No sé mucho de cripto, ¿es seguro?", "Listo, ya me registré. ¿Ahora qué hago?"),
        "deposit": (
            "Ya envié {amount} {currency}, aquí está la captura.",
            "Ya transferí, dice pendiente.",
        ),
        "profit": ("¡No lo puedo creer, el saldo dice {profit}!", "¿Debería meter más?"),
        "withdrawal_blocked": (
            "¿Por qué no puedo retirar? Dice que la cuenta está congelada.",
            "Ya pagué todo lo que tenía, ¿por qué otra comisión?",
        ),
        "pressure": ("Por favor, ya no tengo dinero.", "Voy a ir a la policía."),
    },
    narrative={
        "contact": (
            "En [[marzo|diciembre del año pasado|verano]] una persona que se hacía llamar "
            "{persona} me escribió por {app} diciendo que se había equivocado de número.",
            "Conocí a {persona} en una app de citas y a los pocos días me pidió pasar a {app}.",
            "{persona} me agregó en {app} después de que comenté en un grupo de viajes.",
        ),
        "rapport": (
            "Hablamos todos los días durante [[tres semanas|más de un mes|casi dos meses]] sobre "
            "la familia y el trabajo. Decía vivir en [[Singapur|Hong Kong|Kuala Lumpur]] y tener "
            "una tienda de ropa.",
            "{persona} me escribía a diario, me mandaba mensajes de buenos días y fotos de su "
            "comida, y decía que quería venir a verme.",
        ),
        "pitch": (
            "Luego {persona} me dijo que su tío tenía información privilegiada de contratos cripto "
            "y me mostró capturas de ganancias en {site}.",
            "Me convenció de abrir una cuenta en la plataforma {site}, que parecía totalmente "
            "profesional, con gráficas en vivo y chat de soporte.",
        ),
        "deposit": (
            "El primer depósito fue pequeño, pero en [[seis|ocho|diez]] semanas envié en total "
            "{amount} {currency} a la billetera {wallet} que me dio 'atención al cliente'.",
            "Compré USDT y lo transferí a la dirección {wallet} según sus instrucciones, {amount} "
            "{currency} en total.",
        ),
        "profit": (
            "El saldo en la página no paraba de subir y llegó a mostrar más de {profit} USDT.",
            "Al principio me dejaron retirar una cantidad pequeña, y eso me dio confianza.",
        ),
        "withdrawal_blocked": (
            "Cuando quise retirar, me dijeron que primero debía pagar un impuesto del {tax}% sobre "
            "las ganancias.",
            "Después mi cuenta quedó 'congelada por actividad sospechosa' y me pidieron un "
            "depósito de garantía.",
        ),
        "pressure": (
            "{persona} se enojó, dijo que yo estaba arruinando nuestro futuro y que perdería todo "
            "si no pagaba.",
            "Me llamaban a diario amenazando con demandarme por incumplir el contrato.",
        ),
    },
    identifier={
        "phone": (
            "El número que me contactó fue {phone}.",
            "Teléfono del estafador: {phone}",
            "Su WhatsApp era {phone}.",
        ),
        "handle": ("Contacto de soporte: {handle}", "Su usuario: {handle}"),
        "wallet": ("Dirección de depósito: {wallet}", "Los USDT fueron a {wallet}."),
        "site": ("La página de la plataforma es {site}.", "Sitio falso: {site}"),
    },
    no_indicator=(
        "Perdí mis ahorros por una persona que conocí en internet y me convenció de invertir en "
        "cripto. Borré los chats por vergüenza y ya no tengo la página. Solo quiero dejar "
        "constancia.",
        "A mi papá lo convenció una mujer de Facebook de invertir en una app. Perdió mucho dinero "
        "pero no quiere enseñarme los mensajes.",
    ),
    not_scam_reports=(
        "Recibí un SMS de que mi paquete estaba retenido. Llamé directamente a la paquetería y era "
        "un aviso de entrega real, no perdí nada.",
        "Un señor me escribió para comprar mi bicicleta usada, nos vimos, pagó en efectivo y todo "
        "salió bien.",
    ),
    not_scam_chat=(
        (0, "Mamá, ¿vienes a comer el domingo?"),
        (1, "Sí, mija, llevo el flan. ¿Tu papá pasa por la abuela?"),
        (0, "Sí. ¿Puedes traer también las sillas plegables?"),
        (1, "Claro, llego como a las 6."),
        (0, "¡Qué bien! Los niños te extrañan ❤️"),
    ),
    exchange_mention=(
        "Primero compré los USDT en [[binance.com|okx.com|coinbase.com]].",
        "Me dijeron que me registrara en [[coinbase.com|binance.com|okx.com]] para comprar.",
    ),
    shortener_mention=(
        "Me mandó un enlace {short} para descargar la app.",
        "La app se instalaba desde {short}.",
    ),
    contact_email=("Mi correo: {email}", "Pueden contactarme en {email}."),
    media_caption=("La vista desde mi oficina hoy",),
    task={
        "contact": (
            "Una 'reclutadora' me escribió por {app} ofreciendo trabajo desde casa dando like a "
            "videos, 300 pesos por tarea.",
        ),
        "pitch": (
            "Las primeras tareas pagaban comisión, luego me pasaron a 'tareas combinadas' en "
            "{site} que había que prepagar.",
        ),
        "deposit": (
            "Para terminar la combinación tuve que depositar {amount} {currency} en {wallet}.",
        ),
        "withdrawal_blocked": (
            "Al querer cobrar, la 'mentora' dijo que mi puntaje de crédito era bajo y debía pagar "
            "otra vez.",
        ),
    },
    other_scams={
        "impersonation": (
            "Me llamaron diciendo ser del banco, que mi tarjeta estaba clonada y debía transferir "
            "{amount} {currency} a una cuenta segura. El número era {phone}.",
        ),
        "advance_fee": (
            "Me escribieron que gané un sorteo y tenía que pagar {amount} {currency} de envío del "
            "premio. El correo era {email}.",
        ),
    },
)
