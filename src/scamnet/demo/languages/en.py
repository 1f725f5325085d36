"""English text bank (written for the project; fictional people and places)."""

from scamnet.demo.lexicon import Lexicon

LEXICON = Lexicon(
    code="en",
    countries=("US", "GB", "AU", "SG", "CA"),
    victim_names=(
        "Jason",
        "Karen",
        "Michael",
        "Linda",
        "Peter",
        "Susan",
        "Daniel",
        "Grace",
        "Robert",
        "Emily",
        "Tom",
        "Rachel",
    ),
    persona_names=(
        "Lucy",
        "Cindy",
        "Anna Wong",
        "Jessica",
        "Vivian",
        "Kevin Lau",
        "Amy",
        "Sophia Lin",
        "Henry Tan",
    ),
    scammer={
        "contact": (
            "Sorry, I think I saved the wrong number. Are you not [[Jenny|Kelly|Mrs. Lim]] from "
            "the hotel group?",
            "Hello, we matched on [[Tinder|Bumble|Hinge]] but the app keeps logging me out, so I "
            "moved here. I'm {persona} 😊",
            "Hi {victim}, I saw your comment in the hiking group and wanted to say hello 👋",
        ),
        "rapport": (
            "I just finished my morning run by the river. What are you doing today?",
            "My aunt is a senior analyst in Hong Kong, she taught me everything about the markets. "
            "Family means everything to me.",
            "You seem like a really kind person, {victim}. It's rare to meet someone honest "
            "online.",
            "Did you eat yet? I made green curry tonight, I will send you a photo.",
            "Good morning dear ☀️ Did you sleep well?",
        ),
        "pitch": (
            "I made {profit} USDT this week following my aunt's signals on {site}. It's a licensed "
            "platform, very safe.",
            "I can show you, just open an account on {site} and start small, 500 or 1000 is fine.",
            "The window for the contract trade is only 30 minutes, I will tell you exactly when to "
            "buy.",
        ),
        "deposit": (
            "Buy USDT on an exchange and send it to the platform wallet: {wallet}",
            "Customer service gave me this deposit address for you: {wallet} Please double check "
            "before sending.",
        ),
        "profit": (
            "See? Your account is up [[38|42|55]]% already! 🎉",
            "Congratulations {victim}, you earned {profit} USDT today. Next time we can do a "
            "bigger position.",
        ),
        "withdrawal_blocked": (
            "Customer service says you must pay {tax}% personal income tax before the withdrawal "
            "can be released.",
            "Your account was flagged by the risk department for irregular trading. You need to "
            "pay a deposit to unfreeze it.",
        ),
        "pressure": (
            "If you don't pay by tomorrow, all your funds will be confiscated. I can't help you "
            "then.",
            "I trusted you and even lent you my own money. Don't disappoint me now.",
            "The platform will report you to the police for breaching the contract.",
        ),
    },
    victim={
        "contact": ("No, sorry, wrong number.", "Hi! Yes I remember your profile.", "Who is this?"),
        "rapport": (
            "Haha that sounds lovely. I'm just at work, boring day.",
            "That's sweet of you. I've been a bit lonely since the divorce.",
            "Yes I had dinner. You cook well!",
        ),
        "pitch": (
            "I don't know much about crypto. Is it safe?",
            "OK, I registered. What do I do now?",
        ),
        "deposit": (
            "Done, I sent {amount} {currency}. Here is the screenshot.",
            "I transferred it. It shows pending.",
        ),
        "profit": ("Wow, I can't believe it. The balance shows {profit}!", "Should I add more?"),
        "withdrawal_blocked": (
            "Why can't I withdraw? It says the account is frozen.",
            "I already paid everything I had. Why is there another fee?",
        ),
        "pressure": ("Please, I don't have any more money.", "I'm going to the police."),
    },
    narrative={
        "contact": (
            "In [[March|early spring|the summer]] a stranger calling themselves {persona} messaged "
            "me on {app}, saying it was the wrong number.",
            "I met {persona} on a dating app and we moved the conversation to {app} after a few "
            "days.",
            "Someone named {persona} added me on {app} after I commented in a travel group.",
        ),
        "rapport": (
            "We talked every day for [[three weeks|about a month|almost two months]], about "
            "family, food and work. {persona} claimed to live in "
            "[[Singapore|Hong Kong|Kuala Lumpur]] and run a fashion business.",
            "{persona} was very attentive, sent me good-morning messages and photos of lunch, and "
            "talked about coming to visit me.",
        ),
        "pitch": (
            "Then {persona} told me an uncle had insider knowledge of crypto contracts and showed "
            "me screenshots of big profits from {site}.",
            "I was convinced to open an account on the trading platform {site}, which looked "
            "completely professional, with live charts and a support chat.",
        ),
        "deposit": (
            "My first deposit was small, but over [[six|eight|ten]] weeks I sent a total of "
            "{amount} {currency} to the wallet {wallet}, which their 'customer service' gave me.",
            "I bought USDT and transferred it to the address {wallet} as instructed, {amount} "
            "{currency} in the end.",
        ),
        "profit": (
            "The balance on the site kept going up and at one point showed more than {profit} "
            "USDT.",
            "I was even allowed to withdraw a small amount once, which made me trust it.",
        ),
        "withdrawal_blocked": (
            "When I tried to withdraw, customer service said I first had to pay a {tax}% tax on "
            "the profit.",
            "My account was then 'frozen for suspicious activity' and they asked for a security "
            "deposit to unlock it.",
        ),
        "pressure": (
            "{persona} became angry, said I was ruining our future and that the funds would be "
            "confiscated if I didn't pay.",
            "They kept calling and threatening to report me to the police for breach of contract.",
        ),
    },
    identifier={
        "phone": (
            "The number that contacted me was {phone}.",
            "The WhatsApp number they used was {phone}.",
            "Scammer's phone: {phone}",
        ),
        "handle": (
            "The contact they gave me was {handle}.",
            "Customer service: {handle}",
            "Contact ID: {handle}",
        ),
        "wallet": ("Deposit address: {wallet}", "The USDT went to {wallet}."),
        "site": ("The platform website is {site}.", "Fake site: {site}"),
    },
    no_indicator=(
        "I lost my savings to someone I met online who convinced me to invest in crypto. I deleted "
        "the chats out of shame and I don't have the website anymore. I just want it on record.",
        "My father was talked into an investment app by a woman he met on Facebook. He lost a lot "
        "of money but he won't show me the messages or the app.",
        "A man I was chatting with for two months disappeared after I sent him money for a "
        "'trading account'. His profile is deleted and I have nothing left but the bank statement.",
    ),
    not_scam_reports=(
        "I received a text saying my parcel was held. I checked with the courier directly and it "
        "was a genuine delivery notice, nothing was lost. Reporting just in case.",
        "A man messaged me asking about buying my used bike. We met, he paid in cash, everything "
        "was fine. I was worried it might be a scam but it wasn't.",
        "My bank called about a card payment I did not recognise. I called back on the number on "
        "my card and it really was the bank; they blocked the card and refunded me.",
    ),
    not_scam_chat=(
        (0, "Mum, are you coming for dinner on Sunday?"),
        (1, "Yes love, I'll bring the apple pie. Is Dad picking up Grandma?"),
        (0, "He is. Can you also bring the folding chairs?"),
        (1, "Of course. See you around 6."),
        (0, "Perfect, the kids can't wait ❤️"),
        (1, "Your parcel from the post office arrived here by mistake, I'll bring it too."),
    ),
    exchange_mention=(
        "I bought the USDT on [[binance.com|coinbase.com|okx.com]] first.",
        "They told me to register on [[binance.com|okx.com|coinbase.com]] to buy the coins.",
    ),
    shortener_mention=(
        "She sent me a link {short} to download the app.",
        "The app was installed from {short}.",
    ),
    contact_email=("You can reach me at {email}.", "My e-mail: {email}"),
    media_caption=("This is my view from the office today",),
    task={
        "contact": (
            "A recruiter contacted me on {app} offering a part-time job rating hotels and liking "
            "videos, paying 50 to 150 dollars a day.",
        ),
        "pitch": (
            "The first tasks paid out small commissions, then I was put into 'combo tasks' on "
            "{site} that needed prepayment.",
        ),
        "deposit": (
            "To finish the combo I had to top up {amount} {currency} to {wallet}.",
        ),
        "withdrawal_blocked": (
            "When I wanted my commission, the mentor said my 'credit score' was too low and I had "
            "to pay again to withdraw.",
        ),
    },
    task_scammer={
        "pitch": (
            "First do 3 free tasks to try: like the videos I send and send me the screenshots. "
            "Commission is paid immediately.",
            "Today's task list is on {site}, log in with the account I made for you.",
        ),
        "profit": (
            "Great job! Your commission of {profit} USDT has been credited 🎉",
            "You finished 30 tasks, the bonus is in your account.",
        ),
        "deposit": (
            "This is a prepaid merchant task. Top up {amount} {currency} to {wallet} and you get "
            "it back plus 30% commission.",
        ),
        "withdrawal_blocked": (
            "You made an error in task 27, so your credit score dropped to 60. Top up again to "
            "restore it before you can withdraw.",
            "The combo task is not finished yet, the system cannot release your commission.",
        ),
        "pressure": (
            "If you don't finish the combo today, all your funds will be frozen permanently.",
            "Everyone in the group finished it, don't waste the money you already put in.",
        ),
    },
    task_victim={
        "pitch": ("OK, I sent the screenshots.", "So I just like videos? That's it?"),
        "profit": ("I received it, thanks!",),
        "deposit": ("I topped up {amount} {currency}.",),
        "withdrawal_blocked": ("Why can't I withdraw my commission?",),
        "pressure": ("I have no money left, I want my deposit back.",),
    },
    recruitment=(
        "My cousin answered an ad for a customer service job in Thailand with a high salary, "
        "flights paid and no experience needed. The recruiter on {app} sent the ticket. Now he "
        "says he is in a compound near the border, his passport was taken and they want 8,000 USD "
        "to let him go. The recruiter's number was {phone}.",
        "A friend was offered a 'marketing job' in Cambodia through {handle} on Telegram. They "
        "paid her flight and now she is forced to chat with strangers online for 16 hours a day.",
    ),
    other_scams={
        "impersonation": (
            "A caller claiming to be from my bank's fraud team said my account was compromised and "
            "told me to move {amount} {currency} to a 'safe account'. The number was {phone}.",
            "I got a call from someone saying he was a police officer and that my ID was used for "
            "money laundering. He told me to pay a bail deposit. Caller ID showed {phone}.",
        ),
        "advance_fee": (
            "I got an email saying I won a lottery prize of $850,000 and had to pay a processing "
            "fee of {amount} {currency} first. They wrote from {email}.",
        ),
        "phishing": (
            "A text said my parcel was on hold and linked to {site} where I entered my card "
            "details. {amount} {currency} was taken the same night.",
        ),
    },
)
