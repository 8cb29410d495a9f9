#!/usr/bin/env python3
"""make-comments.py — write tests/data/comments-labelled.tsv.

A labelled set of comment-like texts for the spam classifier
(src/comment/bayes_tokens.c, bayes_score.c):
reader comments on news stories (ham) and comment spam (spam), made by
slot-filling templates from word lists written for this file.  Nothing is
copied from the web; every domain under a spam link is invented (many end
in .example, .test or TLDs that spam favours, none is meant to be real).

Deterministic: one seeded random.Random, lists only (no set or dict
ordering), so the same script always writes the same bytes.  Run from the
repository root:

    python3 tests/data/make-comments.py > tests/data/comments-labelled.tsv

Format: a header line "label<TAB>author<TAB>url<TAB>text", then one comment
per line: label "ham" or "spam", the author's name, the author's website
("" when none), the text.  In every field a backslash is written "\\\\", a
newline "\\n", a tab "\\t"; nothing else is escaped.

The set is meant to be hard in the ways real comment sections are hard:
ham with links to news sources, ham that shouts, ham about bitcoin, casino
licences and drug prices, one-word ham ("Thanks!"), ham in French, German,
Spanish, Greek, Russian, Arabic...; spam without any link (loan offers with
an e-mail address, "contact him on WhatsApp"), generic praise whose only
tell is the author's website, and spam disguised with leetspeak, spaced
letters, Cyrillic look-alikes, zero-width spaces and fullwidth letters.
"""
import random
import sys

SEED = 20240501
N_HAM = 420
N_SPAM = 380

R = random.Random(SEED)


def pick(xs):
    return xs[R.randrange(len(xs))]


def chance(p):
    return R.random() < p


# --------------------------------------------------------------------- ham

FIRST = ["Maria", "John", "Aisha", "Tom", "Priya", "Dmitri", "Sofia", "Liam",
         "Fatima", "Kenji", "Eleni", "Pierre", "Hannah", "Mateo", "Olga",
         "Grace", "Samuel", "Ingrid", "Yusuf", "Chloe", "Ravi", "Nora",
         "Giorgos", "Lucia", "Ben", "Margaret", "Ahmed", "Claire", "Jonas",
         "Rosa", "Patrick", "Mei", "Oskar", "Amara", "Luis", "Dorothy"]
LAST = ["Okafor", "Smith", "Papadopoulos", "Nguyen", "Kowalski", "Murphy",
        "Haddad", "Schneider", "Rossi", "Ivanova", "Fernandes", "Brennan",
        "Dubois", "Larsen", "Tanaka", "Mendes", "Walsh", "Costa", "Novak",
        "O'Neill", "Bauer", "Khan", "Moreau", "Lindqvist"]
HANDLES = ["oldtimer", "riverside_reader", "concerned_parent", "grumpy_cyclist",
           "nightshift_nurse", "retired_teacher", "localhistorian",
           "skeptic42", "bus_commuter", "farmer_joe", "Anonymous",
           "a reader", "long-time subscriber", "econ_student", "harbourview"]
HAM_SITES = ["https://margaretwrites.blog", "http://www.riverside-history.org",
             "https://github.com/bnovak", "https://linkedin.com/in/clairedubois",
             "https://oskarlarsen.net", "https://birdsofthedelta.org/notes",
             "http://amara-okafor.com", "https://medium.com/@econ_student"]

NEWS_LINKS = [
    "https://www.reuters.com/world/europe/{s}/",
    "https://apnews.com/article/{s}",
    "https://www.bbc.co.uk/news/uk-{n}",
    "https://www.theguardian.com/politics/2024/may/{d}/{s}",
    "https://www.nytimes.com/2024/05/{d}/us/{s}.html",
    "https://en.wikipedia.org/wiki/{w}",
    "https://www.ons.gov.uk/economy/inflationandpriceindices",
    "https://www.who.int/news/item/{s}",
    "https://data.census.gov/table?q={w}",
    "https://www.lemonde.fr/international/article/2024/05/{d}/{s}.html",
    "https://www.spiegel.de/politik/{s}",
    "https://elpais.com/espana/2024-05-{d}/{s}.html",
    "https://www.riversidegazette.com/2023/11/{d}/{s}/",
]
WIKI = ["Bus_rapid_transit", "Council_tax", "Heat_pump", "Flood_barrier",
        "Proportional_representation", "Minimum_wage", "Measles",
        "Rent_control", "Cryptocurrency_bubble", "Gambling_Act_2005"]

# Each topic: things a reader names, claims, questions, corrections.
TOPICS = [
    dict(thing=["the new bus lanes", "the bus route changes", "route 14"],
         claim=["the buses on Harbour Road are still late every morning",
                "my commute got ten minutes shorter since the lanes opened",
                "nobody asked the shop owners on Mill Street about the parking",
                "the trial ran for six months before anyone measured anything"],
         question=["will the night buses keep running after September",
                   "who pays for the new shelters"],
         fix=["the lanes open at 7am, not 6am", "route 14 was cut in 2019, not 2021"]),
    dict(thing=["the council budget", "the spending plan", "the tax rise"],
         claim=["the library cuts hit the poorest wards hardest",
                "a 4.9% rise is the maximum allowed without a referendum",
                "the reserves were already spent on the leisure centre",
                "adult social care eats almost half of the budget now"],
         question=["how much of the rise goes to social care",
                   "was the budget approved unanimously"],
         fix=["the vote was 31 to 17, not 31 to 7",
              "the figure is £2.3m, the article says £23m"]),
    dict(thing=["the flood defences", "the river wall", "the new barrier"],
         claim=["the wall held in 2015 and it will hold again",
                "the allotments flooded twice this winter",
                "the drains on Station Road have not been cleared in years",
                "insurance premiums on our street doubled after the last flood"],
         question=["is the barrier finished before the autumn storms",
                   "who maintains the pumps at night"],
         fix=["the river peaked at 4.2 metres, not 5.2",
              "the barrier was funded by the Environment Agency, not the council"]),
    dict(thing=["the school closure", "the merger of the two primaries",
                "the new academy"],
         claim=["my kids walk there and the new site is two miles away",
                "class sizes were already over thirty",
                "the head teacher explained the plan well at the meeting",
                "the building has had a leaking roof since 2018"],
         question=["what happens to the playing fields",
                   "is there a consultation and when does it close"],
         fix=["the school has 212 pupils, not 112",
              "the merger takes effect in 2025, not this September"]),
    dict(thing=["the hospital waiting times", "A&E", "the maternity unit"],
         claim=["my mother waited eleven hours on a trolley last month",
                "the staff were wonderful despite everything",
                "closing the minor injuries unit pushed everyone to A&E",
                "they cannot recruit nurses because nobody can afford rent here"],
         question=["are the night shifts still short of staff",
                   "where do the extra beds come from"],
         fix=["the target is four hours, not two",
              "the unit closed in March, not January"]),
    dict(thing=["the housing plan", "the 400 new homes", "rent control"],
         claim=["affordable means nothing when it is 80% of market rent",
                "we need the homes but not without a GP surgery and a school",
                "the brownfield site by the old gasworks was ignored again",
                "rents went up by a third in three years on our street"],
         question=["how many of the homes are social housing",
                   "does the developer pay for the new road"],
         fix=["the plan is for 400 homes, not 4,000",
              "the site is in Westfield ward, not Eastfield"]),
    dict(thing=["the election result", "the turnout", "the recount"],
         claim=["turnout under 30% is a scandal in itself",
                "the postal votes made the difference again",
                "both candidates ran clean campaigns, credit where it is due",
                "first past the post gave them a majority on a third of the vote"],
         question=["when is the recount", "how many spoiled ballots were there"],
         fix=["the margin was 312 votes, not 132",
              "she was first elected in 2017, not 2015"]),
    dict(thing=["the heatwave", "the hosepipe ban", "the drought"],
         claim=["the reservoirs were at 60% already in May",
                "leaking pipes waste more water than any garden hose",
                "the old people on our road had no fans and no air conditioning",
                "the moorland fire was visible from the town centre"],
         question=["when does the hosepipe ban end",
                   "are the cooling centres open at weekends"],
         fix=["the record was 38.7C, not 37.8C",
              "the ban covers the whole county, not only the city"]),
    dict(thing=["the football club", "the new stadium", "the relegation"],
         claim=["the board sold our best players and now acts surprised",
                "the youth academy is the only thing working at the club",
                "ticket prices went up again for a team that cannot score",
                "the new manager deserves a full season"],
         question=["who actually owns the club now",
                   "is the stadium move going ahead"],
         fix=["they finished 19th, not 18th",
              "the stadium holds 24,000, not 42,000"]),
    dict(thing=["the crypto regulation", "the bitcoin ATM ban", "the exchange collapse"],
         claim=["my neighbour lost his savings when the exchange went under",
                "regulating the ATMs is overdue, scammers love them",
                "bitcoin is volatile but banning it outright never works",
                "the regulator warned about this two years ago"],
         question=["will depositors get anything back",
                   "which agency actually supervises these exchanges"],
         fix=["the exchange was registered in Malta, not Cyprus",
              "the losses were $1.2bn, not $12bn"]),
    dict(thing=["the casino licence", "the betting shops", "gambling advertising"],
         claim=["there are four betting shops on one high street already",
                "gambling adverts during children's football should be banned",
                "the new casino promises jobs but the addiction costs are real",
                "the licensing committee ignored the residents' petition"],
         question=["how many objections did the committee receive",
                   "does the levy fund addiction services"],
         fix=["the licence is for a small casino, not a large one",
              "the petition had 3,400 signatures, not 340"]),
    dict(thing=["drug prices", "the pharmacy closures", "the prescription charge"],
         claim=["our village pharmacy closed and the next one is nine miles away",
                "insulin prices are a disgrace in a rich country",
                "generic medicines cost pennies to make",
                "pharmacists do far more than dispense, ask any pensioner"],
         question=["will the prescription charge rise again in April",
                   "who decides which pharmacies get funding"],
         fix=["the charge is £9.90 per item, not £9.00",
              "the closures are in the north of the county only"]),
    dict(thing=["the heat pump grant", "the energy bills", "the wind farm"],
         claim=["our heat pump halved the bill but the installation was a nightmare",
                "the grant does not cover older houses like ours",
                "the wind farm pays for the village hall and nobody minds the noise",
                "standing charges are the real problem for small users"],
         question=["is the grant still open to landlords",
                   "how much does the wind farm pay the community fund"],
         fix=["the grant is £7,500, not £5,000",
              "the turbines are 150 metres tall, not 250"]),
    dict(thing=["the police response", "the knife crime figures", "the closed station"],
         claim=["the station closed and response times doubled",
                "the figures are up but so is reporting",
                "the community officer on our estate knows every family",
                "youth clubs did more for safety than any patrol"],
         question=["are the figures per head of population",
                   "where do the extra officers come from"],
         fix=["the rise is 8%, not 80%",
              "the station closed in 2016, not 2019"]),
    dict(thing=["the measles outbreak", "the vaccination clinic", "the flu jabs"],
         claim=["the clinic at the leisure centre was quick and friendly",
                "vaccination rates in our borough fell below 85%",
                "the GP surgery never answers the phone before ten",
                "measles is not a mild illness, my brother was deaf after it"],
         question=["can adults get the MMR at the pharmacy",
                   "is the clinic open on Saturdays"],
         fix=["there were 42 cases, not 420",
              "the second dose is at three years four months, not at five"]),
]

AGREE = ["Completely agree.", "Well said.", "Exactly this.", "Good piece.",
         "Agreed, and", "This is spot on.", "Thank you for covering this.",
         "Finally someone reports it.", "Couldn't agree more.", "Fair point,"]
DISAGREE = ["I disagree.", "Sorry, but this is one-sided.", "Not convinced.",
            "With respect, the article misses the point.", "Nonsense.",
            "That's not the whole story.", "I think you've got this wrong.",
            "Hmm, I'm not so sure."]
CLOSERS = ["", "", "", " Just my two cents.", " Thanks for the report.",
           " Keep it up.", " We'll see.", " Shame on them.",
           " Somebody should follow this up.", " Disappointing.",
           " Good to see it in the paper at least.", " Read the report yourself."]
PLACES = ["on Harbour Road", "in Westfield", "near the old gasworks",
          "by the river", "on the Eastfield estate", "two streets from the school",
          "in the village", "above the high street", "next to the station"]
YEARS = ["twenty years", "since 1987", "all my life", "for six years",
         "since the nineties", "for about a decade"]
SHORT_HAM = ["Thanks!", "Great reporting.", "Well said.", "Agreed.", "This.",
             "Spot on 👍", "Finally!", "Good piece", "Thank you.", "So sad.",
             "RIP", "Brilliant.", "Excellent article.", "Merci !", "Danke!",
             "¡Gracias!", "Ευχαριστώ!", "Спасибо!", "شكرا", "Well done",
             "Interesting read.", "What a mess.", "Typo in para 3.",
             "About time.", "Thoughts with the family.", "Great photos!",
             "Nice work, Anna.", "Wow.", "Sad news.", "+1"]

FOREIGN = [
    "Très bon article, merci. Chez nous aussi {fr}.",
    "Je ne suis pas d'accord : {fr}. Il faudrait citer les chiffres officiels.",
    "Merci pour cet article. Quelqu'un sait si {fr2} ?",
    "Guter Artikel. Bei uns in der Stadt {de}.",
    "Das stimmt so nicht: {de}. Bitte korrigieren.",
    "Muy buen artículo. En mi barrio {es}.",
    "No estoy de acuerdo, {es}. ¿Alguien tiene los datos?",
    "Πολύ καλό άρθρο. Στη γειτονιά μας {el}.",
    "Συμφωνώ απόλυτα. {el_cap}.",
    "Спасибо за статью. У нас в городе {ru}.",
    "Не согласен: {ru}. Где цифры?",
    "مقال ممتاز، شكرا. في مدينتنا {ar}.",
    "Ottimo articolo. Anche da noi {it}.",
    "Obrigado pela reportagem. Aqui no bairro {pt}.",
]
FR = ["les bus sont toujours en retard", "la bibliothèque a fermé l'an dernier",
      "les loyers ont augmenté de trente pour cent", "l'hôpital manque d'infirmières"]
FR2 = ["la réunion publique est ouverte à tous", "le budget a été voté",
       "les travaux commencent en septembre"]
DE = ["sind die Mieten viel zu hoch", "fährt der Bus nur noch stündlich",
      "wurde die Schule geschlossen", "fehlen überall Ärzte"]
ES = ["los alquileres han subido muchísimo", "el autobús nunca llega a tiempo",
      "cerraron la farmacia del pueblo", "el hospital no tiene personal"]
EL = ["το λεωφορείο δεν έρχεται ποτέ στην ώρα του", "τα ενοίκια ανέβηκαν πολύ",
      "έκλεισε το φαρμακείο", "το νοσοκομείο δεν έχει γιατρούς"]
EL_CAP = ["ΕΠΙΤΕΛΟΥΣ ΚΑΠΟΙΟΣ ΤΟ ΓΡΑΦΕΙ", "Η κατάσταση είναι απαράδεκτη",
          "Ο δήμαρχος πρέπει να απαντήσει"]
RU = ["автобусы постоянно опаздывают", "аренда выросла почти вдвое",
      "закрыли единственную аптеку", "в больнице не хватает врачей"]
AR = ["ارتفعت الإيجارات كثيرا", "الحافلات تتأخر دائما", "أغلقوا الصيدلية الوحيدة"]
IT = ["gli affitti sono saliti troppo", "l'autobus è sempre in ritardo"]
PT = ["o aluguel subiu demais", "o ônibus nunca chega na hora"]


def slugify(words):
    return "-".join(words.lower().replace(",", "").replace("'", "").split()[:6])


def news_link():
    t = pick(NEWS_LINKS)
    return t.format(s=slugify(pick(pick(TOPICS)["claim"])), n=R.randrange(10**7, 10**8),
                    d="%02d" % R.randrange(1, 29), w=pick(WIKI))


def ham_author():
    r = R.random()
    if r < 0.55:
        return pick(FIRST) + " " + pick(LAST)
    if r < 0.7:
        return pick(FIRST) + " " + pick(LAST)[0] + "."
    if r < 0.8:
        return pick(FIRST)
    if r < 0.97:
        return pick(HANDLES)
    return ""


def cap(s):
    return s[0].upper() + s[1:]


def ham_agree(t):
    return "%s %s.%s" % (pick(AGREE), pick(t["claim"]), pick(CLOSERS))


def ham_disagree(t):
    return "%s %s. %s.%s" % (pick(DISAGREE), cap(pick(t["claim"])),
                              cap(pick(t["claim"])), pick(CLOSERS))


def ham_correction(t):
    forms = ["Small correction: %s.", "Correction: %s. Otherwise a good article.",
             "I think there's an error, %s.", "Just to note, %s. Please fix.",
             "The article has a mistake: %s."]
    return pick(forms) % pick(t["fix"])


def ham_question(t):
    forms = ["Does anyone know %s?", "Genuine question: %s?",
             "Can the reporter say %s?", "So %s? The piece doesn't say.",
             "Question for the council: %s?"]
    return pick(forms) % pick(t["question"])


def ham_local(t):
    return "I have lived %s %s and %s. %s" % (pick(PLACES), pick(YEARS),
                                              pick(t["claim"]),
                                              cap(pick(t["claim"])) + ".")


def ham_link(t):
    forms = ["There's more background here: %s",
             "The original report is worth reading: %s . %s.",
             "Reuters had this a week ago %s",
             "For context, %s explains %s.",
             "Source for the figures: %s\n\n%s."]
    f = pick(forms)
    if f.count("%s") == 1:
        return f % news_link()
    if f.startswith("For context"):
        return f % (news_link(), pick(t["thing"]))
    return f % (news_link(), cap(pick(t["claim"])))


def ham_two_links(t):
    return "Two sources disagree on this: %s and %s. %s." % (
        news_link(), news_link(), cap(pick(t["claim"])))


def ham_shout(t):
    s = "%s!!! %s." % (pick(t["claim"]).upper(), cap(pick(t["claim"])))
    return s if chance(0.5) else "THIS IS OUTRAGEOUS. " + s


def ham_long(t):
    paras = [ham_agree(t), ham_local(t), "%s %s." % (pick(DISAGREE), pick(t["claim"])),
             ham_question(t)]
    R.shuffle(paras)
    return "\n\n".join(paras[:R.randrange(2, 5)])


def ham_foreign(_t):
    return pick(FOREIGN).format(fr=pick(FR), fr2=pick(FR2), de=pick(DE),
                                es=pick(ES), el=pick(EL), el_cap=pick(EL_CAP),
                                ru=pick(RU), ar=pick(AR), it=pick(IT), pt=pick(PT))


def ham_reply(t):
    return "@%s %s %s." % (pick(FIRST), pick(["you're right,", "no,", "exactly,",
                                                "I don't think so,", "but"]),
                           pick(t["claim"]))


SUBJ = ["The council", "The minister", "The mayor", "Our MP", "The government",
        "The developer", "The hospital trust", "The school board", "The police",
        "The water company", "Everyone I know", "My neighbours", "The opposition",
        "The chief executive", "The regulator", "Nobody in charge"]
VERB = ["should have known", "has ignored", "keeps promising", "never explained",
        "finally admitted", "spent years ignoring", "still hasn't published",
        "is quietly dropping", "underestimated", "told us nothing about",
        "will try to blame others for", "was warned about"]
OBJ = ["the real cost", "the consultation results", "what residents actually want",
       "the safety report", "the figures from last year", "the problem with the drains",
       "the impact on small businesses", "the promise made in 2019",
       "the traffic on the ring road", "the pensioners on our street",
       "the overspend", "the independent review", "the local paper's questions"]


def remark():
    return "%s %s %s." % (pick(SUBJ), pick(VERB), pick(OBJ))


PRAISE_HAM = ["Great article, thanks for sharing.", "Really enjoyed reading this.",
              "Very informative piece, thank you.", "Thanks for writing this, very useful.",
              "Excellent reporting as always.", "Good read, thanks.",
              "Thank you for this article, it explains a lot.",
              "Brilliant piece of journalism, keep it up."]


def ham_praise(t):
    text = pick(PRAISE_HAM)
    if chance(0.6):
        text += " " + pick(["The part about %s was new to me.",
                            "I had no idea about %s.",
                            "More on %s please."]) % pick(t["thing"])
    return text


RELATIVES = ["My brother", "My neighbour", "A friend of mine", "My uncle", "My mum",
             "A colleague", "My son", "Someone in our street", "My late father"]
HARMS = ["lost £%d,000 to an online casino" , "lost his savings in a bitcoin scam",
         "was ruined by a payday loan at 1,200%% interest",
         "got hooked on sports betting apps during lockdown",
         "bought fake viagra online and ended up in hospital",
         "was conned by a crypto recovery expert on WhatsApp",
         "got hooked on tramadol after surgery",
         "lost %d thousand in forex trading after an advert promised easy profit",
         "took a loan from a lender who found him on Facebook",
         "met a scammer on a dating site who asked for money for a flight"]
ADVICE = ["Please be careful out there.", "Report it to Action Fraud.",
          "The adverts should be banned.", "Credit unions are the answer.",
          "Talk to your GP, not a website.", "The regulator did nothing.",
          "Free spins are never free.", "If it sounds too good to be true, it is.",
          "Nobody can get your money back, whatever they promise.",
          "The banks should refund victims."]


def ham_story(t):
    harm = pick(HARMS)
    if "%d" in harm:
        harm = harm % R.randrange(2, 60)
    else:
        harm = harm.replace("%%", "%")
    text = "%s %s. %s" % (pick(RELATIVES), harm, pick(ADVICE))
    if chance(0.25):
        text += " " + news_link()
    return text


WARNINGS = ["@%s this is spam, please delete it.",
            "Moderators, the comment above is a scam. Please remove it.",
            "Can someone remove the casino spam above? %s",
            "Don't click the link in the comment above, it's a crypto scam.",
            "Ignore the 'loan offer' above, it's fraud. Real lenders don't advertise in comment sections.",
            "Why are the pharmacy spam comments still here? %s",
            "The 'nice post' comments with links are bots, report them."]


def ham_warn(_t):
    w = pick(WARNINGS)
    if "%s" in w:
        w = w % (pick(FIRST) if w.startswith("@") else remark())
    return w


BLOGS = ["https://margaretwrites.blog", "http://www.riverside-history.org",
         "https://oskarlarsen.net", "https://birdsofthedelta.org",
         "http://amara-okafor.com"]


def ham_own_blog(t):
    """A reader linking their own blog, which is also their website."""
    blog = pick(BLOGS)
    text = "I wrote about %s on my blog last year: %s/%d/%s" % (
        pick(t["thing"]), blog, R.randrange(2015, 2025), slugify(pick(t["claim"])))
    return text, blog


def with_remark(kind):
    def f(t):
        text = kind(t)
        if chance(0.4):
            text = text + " " + remark() if chance(0.5) else remark() + " " + text
        return text
    return f


HAM_KINDS = [(with_remark(ham_agree), 12), (with_remark(ham_disagree), 10),
             (ham_correction, 8), (with_remark(ham_question), 9),
             (with_remark(ham_local), 9), (with_remark(ham_link), 8),
             (ham_two_links, 2), (ham_shout, 4), (ham_long, 7), (ham_foreign, 9),
             (with_remark(ham_reply), 6), (None, 8), (ham_praise, 5),
             (ham_story, 6), (ham_warn, 3), (ham_own_blog, 2)]


def weighted(kinds):
    total = sum(w for _, w in kinds)
    r = R.randrange(total)
    for k, w in kinds:
        if r < w:
            return k
        r -= w
    raise AssertionError


def typos(text, rate=0.03):
    """Drop or swap a letter in a few words, as people (and bots) do."""
    words = text.split(" ")
    for i, w in enumerate(words):
        if len(w) >= 5 and w.isalpha() and chance(rate):
            k = R.randrange(1, len(w) - 1)
            words[i] = w[:k] + w[k + 1:] if chance(0.5) else \
                w[:k] + w[k + 1] + w[k] + w[k + 2:]
    return " ".join(words)


def ham():
    kind = weighted(HAM_KINDS)
    text = pick(SHORT_HAM) if kind is None else kind(pick(TOPICS))
    url = pick(HAM_SITES) if chance(0.08) else ""
    if isinstance(text, tuple):
        text, url = text
    text = typos(text)
    return ("ham", ham_author(), url, text)


# -------------------------------------------------------------------- spam

SPAM_WORDS = ["cheap", "best", "top", "fast", "secure", "pro", "easy", "vip",
              "mega", "royal", "smart", "quick", "gold", "lucky"]
SPAM_NOUNS = ["meds", "pills", "pharmacy", "casino", "slots", "bet", "crypto",
              "coin", "loans", "cash", "seo", "backlinks", "dating", "singles",
              "rx", "spins", "invest", "profit", "lenders", "traffic"]
SPAM_TLDS = ["com", "net", "xyz", "top", "online", "site", "club", "info",
             "biz", "ru", "icu", "shop", "vip", "example", "test"]


def spam_domain(noun=None):
    noun = noun or pick(SPAM_NOUNS)
    form = R.randrange(5)
    if form == 0:
        name = "%s-%s" % (pick(SPAM_WORDS), noun)
    elif form == 1:
        name = "%s%s%d" % (pick(SPAM_WORDS), noun, R.randrange(1, 99))
    elif form == 2:
        name = "%s-%s-%s" % (noun, pick(SPAM_NOUNS), pick(["online", "now", "hub", "24"]))
    elif form == 3:
        name = "%s.%s-%s" % (pick(["go", "www2", "promo", "click"]), pick(SPAM_WORDS), noun)
    else:
        name = "%s%s" % (noun, pick(["4u", "hq", "zone", "planet", "world", "land"]))
    return "%s.%s" % (name, pick(SPAM_TLDS))


# A campaign reuses its domains, as real campaigns do; a few are fresh.
CAMPAIGN = [spam_domain() for _ in range(45)]


def spam_link(noun=None):
    host = spam_domain(noun) if chance(0.35) else pick(CAMPAIGN)
    scheme = pick(["http://", "https://", "http://www.", "", "www."])
    if host.count(".") > 1:                 # go.best-rx.com: no "www." on top
        scheme = scheme.replace("www.", "")
    path = pick(["", "/", "/?ref=%d" % R.randrange(1000, 99999), "/buy",
                 "/go/%d" % R.randrange(100, 999), "/bonus.html", "/index.php?id=7"])
    return scheme + host + path


def html_link(noun, anchor):
    return '<a href="http://%s">%s</a>' % (spam_domain(noun), anchor)


DRUGS = ["viagra", "cialis", "tramadol", "xanax", "levitra", "oxycodone",
         "valium", "phentermine", "modafinil", "ambien"]
CASINO = ["online casino", "free spins", "slots", "poker bonus", "roulette",
          "jackpot", "betting tips", "sports betting", "no deposit bonus"]
CRYPTO = ["bitcoin", "crypto", "forex", "ethereum", "trading bot", "binary options",
          "NFT", "USDT"]
PRAISE = ["Nice post!", "Great article, thanks for sharing.",
          "Very informative post, keep up the good work.",
          "I really enjoyed reading this blog.",
          "Thanks for this wonderful information.",
          "This is exactly what I was looking for.",
          "Awesome content, bookmarked!", "Hi admin, very nice website.",
          "Your blog is very useful, I will share it with my friends.",
          "Thank you so much for this valuable article.",
          "Wow, amazing writing. I learned a lot from your post.",
          "Pretty good post. I just stumbled upon your blog."]
SPAM_NAMES = ["Buy Cheap Viagra", "Best Online Casino", "SEO Expert",
              "Crypto Recovery Expert", "Cheap Meds", "Loan Offer",
              "Jessica Miller", "Emma Brown", "David Wilson", "Sarah Johnson",
              "casino online", "Dr. Williams", "Mr. Robert", "Admin",
              "Kevin Lee", "Best Backlinks", "Hot Girls", "payday loans",
              "web design company", "Anna Smith", "Crypto Guru", "Mike Brown"]
CONTACT = ["WhatsApp +1 (202) 555-01%02d", "Telegram @%s_invest",
           "email %s.recovery@gmail.com", "call +44 7700 900%03d",
           "whatsapp: +234 80 5555 %04d"]


def contact():
    f = pick(CONTACT)
    if "%s" in f:
        return f % pick(["mark", "janet", "crypto", "trust", "bill", "grace"])
    return f % R.randrange(0, 99)


def obfuscate(word):
    """Disguise a word the ways spammers do."""
    kind = R.randrange(7)
    if kind == 0:
        return word.upper()
    if kind == 1:
        return word.replace("a", "4").replace("e", "3").replace("i", "1").replace("o", "0")
    if kind == 2:
        return " ".join(word)
    if kind == 3:
        return ".".join(word.upper())
    if kind == 4:
        return word.replace("a", "а").replace("o", "о").replace("c", "с")  # Cyrillic
    if kind == 5:
        return word[:2] + "\u200b" + word[2:]
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in word)


def maybe_obfuscate(word):
    return obfuscate(word) if chance(0.35) else word


def spam_pharma():
    d = maybe_obfuscate(pick(DRUGS))
    forms = ["Buy %s online without prescription! Cheapest prices, discreet shipping %s",
             "%s 100mg only $0.%d per pill!!! Order now: %s",
             "Best pharmacy online. %s, %s and %s with no prescription needed. %s",
             "Need %s? We ship worldwide, no doctor needed. Visit %s",
             "Generic %s at 80%% off. FDA approved?? Who cares, it works. %s"]
    f = pick(forms)
    if f.startswith("Best"):
        return f % (d, maybe_obfuscate(pick(DRUGS)), pick(DRUGS), spam_link("pharmacy"))
    if "$0." in f:
        return f % (cap(d), R.randrange(10, 99), spam_link("meds"))
    return f % (d, spam_link("pills"))


def spam_casino():
    c = pick(CASINO)
    forms = ["Best %s in 2024: %d free spins and %d%% welcome bonus! %s",
             "WIN BIG at the #1 %s. Instant withdrawals, no KYC. %s",
             "I won $%d,000 playing %s last night!!! Try it here %s",
             "Top 10 %s sites: %s %s %s",
             "Play %s for real money, bonus code VIP%d. %s"]
    f = pick(forms)
    link = spam_link(pick(["casino", "slots", "bet", "spins"]))
    if f.startswith("Best"):
        return f % (c, R.randrange(50, 500), R.randrange(100, 400), link)
    if f.startswith("WIN"):
        return f % (maybe_obfuscate(c), link)
    if f.startswith("I won"):
        return f % (R.randrange(5, 90), c, link)
    if f.startswith("Top"):
        return f % (c, link, spam_link("casino"), spam_link("bet"))
    return f % (c, R.randrange(100, 999), link)


def spam_crypto(with_link):
    c = pick(CRYPTO)
    forms = ["I made $%d,000 in %d days with %s, thanks to Mr. %s. Contact him on %s",
             "Stop losing money! My %s signals give %d%% profit every week. %s",
             "Lost your %s to scammers? A recovery expert got mine back in %d days. %s",
             "Invest $%d today and earn $%d,000 weekly with %s. Guaranteed returns. %s",
             "%s is going to the moon 🚀🚀 join our group before it's too late %s"]
    f = pick(forms)
    tail = spam_link(pick(["crypto", "coin", "invest", "profit"])) if with_link else contact()
    if f.startswith("I made"):
        return f % (R.randrange(3, 60), R.randrange(3, 30), c,
                    pick(["James", "Carlos", "Bruce", "Anthony"]), tail)
    if f.startswith("Stop"):
        return f % (c, R.randrange(20, 90), tail)
    if f.startswith("Lost"):
        return f % (c, R.randrange(2, 14), tail)
    if f.startswith("Invest"):
        return f % (R.randrange(100, 999), R.randrange(2, 20), c, tail)
    return f % (maybe_obfuscate(c).upper(), tail)


def spam_seo():
    kws = ["best seo services", "buy backlinks", "cheap web design",
           "rank #1 on google", "buy instagram followers", "guest post service",
           "essay writing service", "cheap hosting", "link building agency"]
    parts = []
    for _ in range(R.randrange(3, 7)):
        kw = pick(kws)
        if chance(0.5):
            parts.append(html_link(pick(["seo", "backlinks", "traffic"]), kw))
        else:
            parts.append("%s %s" % (kw, spam_link(pick(["seo", "backlinks", "traffic"]))))
    sep = pick([" ", "\n", " | ", ", "])
    return sep.join(parts)


def spam_praise(link):
    text = pick(PRAISE)
    if chance(0.5):
        text += " " + pick(PRAISE)
    if link:
        text += " " + pick(["Check out my site", "Visit my blog", "see also",
                            "My website:", "Also check", ""]) + " " + spam_link()
    return text.strip()


def spam_adult():
    forms = ["Hot singles in your area are waiting for you tonight ❤️ %s",
             "Lonely? Meet beautiful women near you, 100%% free signup %s",
             "Sexy girls want to chat with you right now!!! %s",
             "%s dating, no credit card, meet tonight %s",
             "Tired of being alone? Find your perfect match in 5 minutes %s"]
    f = pick(forms)
    link = spam_link(pick(["dating", "singles"]))
    if f.startswith("%s"):
        return f % (maybe_obfuscate(pick(["adult", "casual", "secret"])), link)
    return f % link


def spam_loan(with_link):
    forms = ["Do you need an urgent loan? We offer loans at %d%% interest rate to "
             "individuals and companies. No credit check. %s",
             "Are you in debt? Get a personal loan of $%d,000 approved in 24 hours. %s",
             "Greetings, I am a private lender offering loans from $5,000 to "
             "$5,000,000 at low interest. Contact us: %s",
             "Payday loans with bad credit, instant approval, cash today! %s",
             "LOAN OFFER!!! Business and personal loans at %d%%, apply now %s"]
    f = pick(forms)
    tail = spam_link("loans") if with_link else contact()
    if "%d" in f:
        return f % (R.randrange(2, 6) if "%%" in f else R.randrange(5, 90), tail)
    return f % tail


def spam_workhome():
    forms = ["I earn $%d a day working from home on my laptop. I never thought "
             "it was possible. Everybody must try this job now. Check my profile.",
             "Google is paying $%d per hour for online work from home. Start now, "
             "no experience needed, details on my page",
             "My neighbour's sister makes $%d a month from home and she only "
             "works 3 hours a day. Copy this link into your browser"]
    return pick(forms) % R.randrange(200, 9000)


def spam_topical():
    """Spam that pretends to be about the story, then pitches."""
    t = pick(TOPICS)
    return "%s %s. By the way, %s %s" % (
        pick(["Interesting,", "So true,", "Good point about", "Agree,"]),
        pick(t["thing"]),
        pick(["if you need fast cash try", "the best casino bonus is at",
              "cheap meds without prescription at", "I made $5,000 with crypto at"]),
        spam_link())


def spam_praise_plain():
    """Praise and nothing else: no link, no website.  Nothing to catch."""
    return pick(PRAISE) + ("" if chance(0.5) else " " + pick(PRAISE))


def spam_foreign():
    forms = ["Купить %s без рецепта недорого, доставка по всей России %s",
             "Лучшее онлайн казино, 200 бесплатных вращений без депозита! %s",
             "Meilleur casino en ligne, 200 tours gratuits sans dépôt %s",
             "Schnelle Kredite ohne Schufa, sofort Geld aufs Konto! %s",
             "Préstamos rápidos sin aval, escríbenos: %s",
             "Guadagna 500 euro al giorno con il trading di bitcoin %s"]
    f = pick(forms)
    tail = contact() if "escríbenos" in f else spam_link()
    if f.count("%s") == 2:
        return f % (pick(DRUGS), tail)
    return f % tail


def spam_fake_news():
    """A link dressed as a news tip."""
    t = pick(TOPICS)
    return "%s %s: %s" % (pick(["Breaking news about", "Shocking truth about",
                                "What they don't tell you about",
                                "Leaked documents on"]),
                          pick(t["thing"]), spam_link())


def spam_text():
    kinds = [(lambda: spam_pharma(), 14), (lambda: spam_casino(), 12),
             (lambda: spam_crypto(True), 7), (lambda: spam_crypto(False), 6),
             (lambda: spam_seo(), 10), (lambda: spam_praise(True), 12),
             (lambda: spam_praise(False), 7), (lambda: spam_adult(), 8),
             (lambda: spam_loan(True), 5), (lambda: spam_loan(False), 6),
             (lambda: spam_workhome(), 6), (lambda: spam_topical(), 7),
             (lambda: spam_praise_plain(), 4), (lambda: spam_foreign(), 6),
             (lambda: spam_fake_news(), 3)]
    return weighted(kinds)()


def spam():
    text = typos(spam_text())
    if chance(0.15):
        text = text.upper()
    r = R.random()
    host = pick(CAMPAIGN)
    if host.count(".") == 1:
        host = "www." + host
    if text in PRAISE or text.rstrip(".!") in [p.rstrip(".!") for p in PRAISE]:
        r = 0.0                             # the plain praise has no website
    url = "" if r < 0.3 else ("http://" + spam_domain() if r < 0.6
                               else "https://" + host)
    r = R.random()
    if r < 0.4 and r != 0.0:
        author = pick(SPAM_NAMES)
    elif r < 0.75:                          # bots borrow ordinary names
        author = pick(FIRST) + " " + pick(LAST)
    else:
        author = "%s_%d" % (pick(FIRST).lower(), R.randrange(1000, 9999))
    return ("spam", author, url, text)


# ------------------------------------------------------------------ output

def escape(s):
    return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")


def main():
    rows = [ham() for _ in range(N_HAM)] + [spam() for _ in range(N_SPAM)]
    R.shuffle(rows)
    out = sys.stdout
    out.write("label\tauthor\turl\ttext\n")
    for row in rows:
        out.write("\t".join(escape(f) for f in row) + "\n")


if __name__ == "__main__":
    main()
