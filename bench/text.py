"""Original filler prose for the benchmark corpus: names, titles, paragraphs and comments.

Everything is built from the word lists and sentence templates below with a seeded `random.Random`,
so the same seed gives the same magazine. No sentence is taken from anywhere else.
"""

from __future__ import annotations

import random

from django.utils.text import slugify

# The word a search for `SEARCH_WORD` finds: set in a known share of deks and bodies.
SEARCH_WORD = "chiaroscuro"


def words(text: str) -> list[str]:
    return text.split()


FIRST_NAMES = words(
    """
Ada Aino Akira Alba Alma Amara Anouk Arlo Asha Ayo Basil Bea Benedikt Bodhi Bram Calla Cato Cecily Cyrus
Dalia Dario Delphine Desmond Dilys Eamon Edda Elio Elsa Emeka Enzo Esme Ezra Fen Fidel Flora Gideon
Greta Hale Hana Hollis Idris Ilse Imre Ines Iris Ivo Jael Jonas Juno Kaito Kenji Kiri Lark Leif Lena
Linus Lior Lotte Luca Mads Mae Malik Mara Marek Mateo Mina Mira Nadia Nell Niamh Nico Noor Odile Olek
Omar Orla Otto Pavel Pia Quinn Rafe Rana Remy Rhea Rosalind Ruben Sabine Sami Selma Silas Siri Soren
Tamsin Teo Thea Tobias Ulla Uma Vera Vikram Wren Xavi Yara Yusuf Zadie Zora
"""
)

LAST_NAMES = words(
    """
Abernathy Achterberg Adeyemi Alcott Almeida Andersen Arkwright Ashdown Baptiste Barros Bellweather
Bergstrom Blackwood Bonnard Brannigan Caldera Carraway Castellane Chakraborty Ciampa Corrigan Dalgaard
Delacroix Desai Dunmore Eberhardt Ellery Esposito Falconer Fairweather Farrow Ferrand Finchley Fonseca
Galloway Garrido Gershon Gillespie Grimaldi Halvorsen Hargreave Hawthorne Hollander Ibarra Ingram
Iwasaki Jablonski Jardine Kaminski Kavanagh Kessler Kowalczyk Lachance Langford Larkspur Lindqvist
Lowenthal Macready Madsen Marchetti Merriweather Montague Moreau Nakamura Navarro Nightingale Novak
Oakes Okonkwo Ormsby Pellegrini Penhaligon Quartermaine Quintero Radcliffe Ravensworth Reinholt Rossetti
Sandoval Sarandon Silvestri Sorensen Strand Szabo Tanaka Thackeray Thornbury Treadwell Umberto Underhill
Valdivia Vanterpool Verhoeven Wainwright Westerberg Whitlock Winterbourne Yamada Yardley Zamora Zeller
Zimmer
"""
)

ADJECTIVES = words(
    """
quiet restless tender brittle luminous patient stubborn feverish elegiac wry sly lavish austere grainy
humid nocturnal sunlit weightless unhurried anxious generous furious modest ragged precise sprawling
tidy uncanny watchful wistful brazen dusty gentle hushed jittery lucid mournful porous radiant
sentimental severe supple tactile tangled unsparing vivid wayward abrupt brooding candid crowded
"""
)

NOUNS = words(
    """
camera frame city kitchen border harbour winter summer highway motel river factory archive chorus
silence rumour ledger garden hallway window rooftop ferry orchard memory promise debt inheritance
audience stage rehearsal melody refrain verse studio canvas gallery novel chapter margin footnote
costume gesture close-up montage edit soundtrack landscape weather island suburb diner arcade
"""
)

ABSTRACT = words(
    """
longing labour grief desire class genre irony tenderness ambition shame nostalgia attention patience
loyalty rivalry solitude comedy melodrama violence faith duty intimacy spectacle privacy exile belonging
ambivalence restraint excess pleasure boredom kinship rhythm
"""
)

VERBS = words(
    """
holds frames withholds studies circles measures stages complicates rewards undoes trusts flattens
sharpens tests mirrors echoes refuses interrupts shelters exposes tracks softens teases dissolves
"""
)

ADVERBS = words(
    """
patiently slyly carefully quietly bluntly generously stubbornly lightly tenderly coolly frankly
deliberately unevenly gracefully relentlessly wryly
"""
)

PLACES = words(
    """
Lisbon Marseille Tbilisi Osaka Detroit Glasgow Palermo Recife Gdansk Tangier Winnipeg Valparaiso Trieste
Busan Durban Antwerp Galway Oaxaca Bergen Tallinn
"""
)

TITLE_WORDS = words(
    """
Harbour Lantern Orchard Ember Meridian Tide Quarry Sparrow Hollow Ash Furnace Atlas Echo Velvet Glass
Ferry Anthem Signal Thaw Drift Canopy Ledger Riot Lullaby Mirage Citadel Monsoon Parade Relic Tremor
"""
)

TITLE_FORMS = [
    "The {w1}",
    "{w1} and {w2}",
    "A {adj} {w1}",
    "The {w1} of {place}",
    "{w1} in {month}",
    "After the {w1}",
    "{place} {w1}",
    "Our {adj} {w1}",
    "The Last {w1}",
    "{w1}, {w2}, {w3}",
]

MONTHS = words(
    """
January February March April May June July August September October November December
"""
)

COMPANY_SUFFIXES = words(
    """
Pictures Films Releasing Distribution Cinema Entertainment Media Features
"""
)
# What the companies of each part are called after their first word: a label's "Records", a network's "TV".
PART_SUFFIXES = {
    "distributor": COMPANY_SUFFIXES,
    "label": words("Records Recordings Sound Music Editions"),
    "publisher": words("Press Books Publishing House Editions"),
    "network": words("TV Channel Broadcasting Plus Network"),
    "studio": words("Games Interactive Studios Works Software"),
    "group": words("Media Group Entertainment Holdings"),
}
BAND_NOUNS = words(
    """
Lanterns Orchards Wolves Ferries Mirrors Engines Sparrows Harbours Rivers Choirs Tides Lights Gardens
"""
)
PLATFORMS = [
    ("PC", "pc"),
    ("PlayStation 5", "playstation-5"),
    ("Xbox Series X|S", "xbox-series"),
    ("Nintendo Switch", "nintendo-switch"),
    ("iOS", "ios"),
    ("Android", "android"),
]

TAG_THEMES = words(
    """
adaptation animation archives auteurs biopic body-horror cinematography class comedy coming-of-age
criticism dance documentary experimental family fandom festivals film-noir folk friendship ghosts grief
heist horror immigration jazz labour landscape love memory migration musicals nostalgia opera
photography poetry politics pop portraiture punk queer-cinema realism religion restoration romance
satire science-fiction silent-film slow-cinema soundtracks sport streaming surrealism television theatre
thrillers translation war westerns work youth
"""
)

TEMPLATES = [
    "The {noun} in <em>{film}</em> {verb} its {abstract} {adv}, and the film is better for it.",
    "What {person} understands about {abstract} is that it rarely announces itself.",
    "Every {adj} {noun} here {verb} the {noun2}, as if the film were afraid to look away.",
    "It is tempting to call the result {adj}, but that undersells how {adv} it was made.",
    "By the final act the {noun} has become a kind of {noun2}, {adj} and hard to shake.",
    "{person} {verb} {abstract} the way a good editor {verb2} a sentence: by cutting what is easy.",
    "There is a {adj} stretch in the middle, set in {place}, where nothing seems to happen and everything does.",
    "The critics who called it {adj} were looking at the {noun}, not at the people standing in front of it.",
    "Watch how the {noun} {verb} the {noun2}; that one choice carries the argument.",
    "If the film has a subject, it is {abstract}, and what {abstract2} costs the people who live with it.",
    "Seen again years later, <em>{film}</em> feels less {adj} and more {adj2} than it did on release.",
    "The script never explains the {noun}, and we are trusted to sit with it.",
    "Its {abstract} is earned {adv}, one {adj} scene at a time.",
    "A lesser film would have turned the {noun} into a symbol; this one lets it stay a {noun}.",
    "The music arrives late and leaves early, which is exactly the right amount.",
    "In {year} that was a risk; now it reads as a kind of {adj} confidence.",
    "Nobody in the {noun} says what they mean, and the camera {verb} them anyway.",
    "I keep returning to one {adj} image: a {noun} in {place}, held a beat longer than comfort allows.",
    "The performances are {adj} without being showy, and {person} is the quiet centre of it all.",
    "It asks what {abstract} looks like from the outside, and answers with a {adj} {noun}.",
    "The editing {verb} the {noun2} until {abstract} has nowhere left to hide.",
    "Some viewers will find the pace {adj}; others will find it {adj2}, and both will be right.",
    "The {noun} sequence alone is worth the ticket, though the film around it is {adv} uneven.",
    "This is a film about {abstract} made by someone who has clearly lived with it.",
]

DEK_TEMPLATES = [
    "{person} {verb} {abstract} with a {adj} eye, and the result lingers long after the lights come up.",
    "A {adj} look at {abstract}, {abstract2} and the {noun} that holds them together.",
    "Why <em>{film}</em> still feels {adj}, and what it knew about {abstract} before we did.",
    "On {abstract}, {place} and the {adj} art of the {noun}.",
]

SEARCH_DEK = "A study in {adj} " + SEARCH_WORD + ": how {person} lights {abstract} and the {noun} around it."
SEARCH_SENTENCE = "The " + SEARCH_WORD + " of the {noun} scenes does the arguing: light and shadow {verb} {abstract}."

HEADING_TEMPLATES = [
    "The {adj} {noun}",
    "What the {noun} knows",
    "Against {abstract}",
    "{abstract_cap} and its discontents",
    "A {noun} in {place}",
    "The case for {abstract}",
    "After {year}",
    "Notes on the {noun}",
    "Where the {noun} ends",
    "{abstract_cap}, again",
]

COMMENT_TEMPLATES = [
    "I saw this in {place} last {month_lc} and I still think about the {noun}.",
    "Great piece. The bit about {abstract} is exactly what I could not put into words.",
    "I disagree about the ending: it felt {adj} to me rather than {adj2}.",
    "Has anyone else noticed how the {noun} keeps coming back? It cannot be an accident.",
    "Thank you for writing about {person}. Underrated, and this explains why.",
    "The {noun} scene made the whole audience go quiet. I had never heard a cinema that silent.",
    "Respectfully, I think you are too kind to it. {abstract_cap} is not the same as depth.",
    "Rewatched it after reading this and it is a different film now.",
    "My partner and I argued about this for an hour on the way home. {adj_cap} is the right word.",
    "Small correction: the {noun} is in the second act, not the first.",
    "This is why I still read criticism. More like this, please.",
    "I was bored the first time and moved the second. Maybe that is the point about {abstract}.",
]

COMPANY_WORDS = words(
    """
Northlight Foxglove Halcyon Ironwood Larchmont Meridian Oxbow Pinewood Quayside Redbrick Saltmarsh
Tidewater Umber Vantage Wildwood Yarrow Zephyr Bluebell Copperline Driftwood Emberly Fairhaven Goldcrest
"""
)


def person_names(rng: random.Random, count: int) -> list[str]:
    """`count` names, unique while the lists last, then with a middle initial."""
    pairs = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
    rng.shuffle(pairs)
    names = pairs[:count]
    while len(names) < count:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        names.append(f"{first} {chr(65 + rng.randrange(26))}. {last}")
    return names


class UniqueSlugs:
    """Slugs that are unique within one table, suffixed -2, -3 … when a base repeats."""

    def __init__(self, taken: set[str] | None = None, max_length: int = 200):
        self.taken = set(taken or ())
        self.max_length = max_length

    def __call__(self, text: str) -> str:
        base = slugify(text)[: self.max_length - 8].strip("-") or "item"
        slug, n = base, 2
        while slug in self.taken:
            slug, n = f"{base}-{n}", n + 1
        self.taken.add(slug)
        return slug


class Prose:
    """Sentences, paragraphs, headings and comments drawn from the lists above."""

    def __init__(self, rng: random.Random, film_titles: list[str], people: list[str]):
        self.rng = rng
        self.film_titles = film_titles or ["The Harbour"]
        self.people = people or ["Ada Abernathy"]

    def slots(self) -> dict[str, str]:
        r = self.rng
        abstract = r.choice(ABSTRACT)
        adj = r.choice(ADJECTIVES)
        return {
            "adj": adj,
            "adj2": r.choice(ADJECTIVES),
            "adj_cap": adj.capitalize(),
            "noun": r.choice(NOUNS),
            "noun2": r.choice(NOUNS),
            "abstract": abstract,
            "abstract2": r.choice(ABSTRACT),
            "abstract_cap": abstract.capitalize(),
            "verb": r.choice(VERBS),
            "verb2": r.choice(VERBS),
            "adv": r.choice(ADVERBS),
            "place": r.choice(PLACES),
            "year": str(r.randrange(1955, 2025)),
            "month_lc": r.choice(MONTHS).lower(),
            "film": r.choice(self.film_titles),
            "person": r.choice(self.people),
        }

    def sentence(self, templates: list[str] = TEMPLATES) -> str:
        return self.rng.choice(templates).format(**self.slots())

    def paragraph(self, sentences: int | None = None) -> str:
        count = sentences or self.rng.randint(3, 7)
        return " ".join(self.sentence() for _ in range(count))

    def heading(self) -> str:
        return self.rng.choice(HEADING_TEMPLATES).format(**self.slots())

    def dek(self, *, with_search_word: bool = False) -> str:
        template = SEARCH_DEK if with_search_word else self.rng.choice(DEK_TEMPLATES)
        return template.format(**self.slots()).replace("<em>", "").replace("</em>", "")

    def search_sentence(self) -> str:
        return SEARCH_SENTENCE.format(**self.slots())

    def comment(self) -> str:
        count = self.rng.choice((1, 1, 2, 2, 3, 4))
        sentences = [self.rng.choice(COMMENT_TEMPLATES).format(**self.slots()) for _ in range(count)]
        if count >= 3 and self.rng.random() < 0.5:
            return " ".join(sentences[:2]) + "\n\n" + " ".join(sentences[2:])
        return " ".join(sentences)

    def title(self) -> str:
        r = self.rng
        return r.choice(TITLE_FORMS).format(
            w1=r.choice(TITLE_WORDS),
            w2=r.choice(TITLE_WORDS),
            w3=r.choice(TITLE_WORDS),
            adj=r.choice(ADJECTIVES).capitalize(),
            place=r.choice(PLACES),
            month=r.choice(MONTHS),
        )

    def headline(self, film: str | None, kind: str) -> str:
        s = self.slots()
        if film and kind == "review":
            return f"‘{film}’ review: {s['adj_cap']} {s['abstract']} in {s['place']}"
        if film:
            return self.rng.choice(
                [
                    f"‘{film}’ and the {s['adj']} {s['noun']}",
                    f"‘{film}’, {s['abstract_cap']}, and the Fantasies of the {s['noun'].capitalize()}",
                    f"Why ‘{film}’ still {s['verb']} {s['abstract']}",
                ]
            )
        return self.rng.choice(
            [
                f"The {s['adj_cap']} {s['noun'].capitalize()}: on {s['abstract']}",
                f"{s['abstract_cap']} in {s['place']}",
                f"What the {s['noun']} knows about {s['abstract']}",
                f"Notes on {s['abstract']} and the {s['adj']} {s['noun']}",
            ]
        )
