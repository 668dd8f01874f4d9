"""Demo content for the magazine: sections, works of several kinds, people, critics and articles (original prose)."""

SECTIONS = [
    {
        "name": "Film",
        "slug": "film",
        "order": 1,
        "description": "Reviews, essays and reporting on the movies, from festival premieres to the films that refuse to leave us alone.",
    },
    {
        "name": "Music",
        "slug": "music",
        "order": 2,
        "description": "Records, songs and the feelings they sell us, heard closely and argued about at length.",
    },
    {
        "name": "Books",
        "slug": "books",
        "order": 3,
        "description": "Criticism, theory and the occasional polemic, read slowly and reread when it counts.",
    },
    {
        "name": "Television",
        "slug": "television",
        "order": 4,
        "description": "Series, seasons and the single episode that changes everything, watched without skipping.",
    },
]

COMPANIES = [
    "Neon",
    "A24",
    "Magnolia Pictures",
    "Music Box Films",
    "Parlophone",
    "PIAS",
    "Zero Books",
    "FX",
]

PEOPLE = [
    "Sean Baker",
    "Chris Bergoch",
    "Alex Coco",
    "Samantha Quan",
    "Shih-Ching Tsou",
    "Drew Daniels",
    "Radium Cheung",
    "Alexis Zabé",
    "Mikey Madison",
    "Mark Eydelshteyn",
    "Yura Borisov",
    "Karren Karagulian",
    "Vache Tovmasyan",
    "Dree Hemingway",
    "Besedka Johnson",
    "Stella Maeve",
    "James Ransone",
    "Kitana Kiki Rodriguez",
    "Mya Taylor",
    "Mickey O’Hagan",
    "Brooklynn Prince",
    "Bria Vinaite",
    "Willem Dafoe",
    "Valeria Cotto",
    "Simon Rex",
    "Bree Elrod",
    "Suzanna Son",
    "Brenda Deiss",
    "John Hillcoat",
    "Nick Cave",
    "Warren Ellis",
    "Guy Pearce",
    "Ray Winstone",
    "Nick Cave and the Bad Seeds",
    "Talk Talk",
    "Mark Hollis",
    "Tim Friese-Greene",
    "Mark Fisher",
    "Christopher Storer",
    "Jeremy Allen White",
    "Ayo Edebiri",
]

# People credited under one name who are a band, not a person.
GROUPS = {"Nick Cave and the Bad Seeds", "Talk Talk"}

# What a person's page shows beside their filmography (the portraits are in pictures.PORTRAITS).
PEOPLE_BIOS = {
    "Nick Cave": (
        "An Australian singer, songwriter and writer who has fronted the Bad Seeds since 1983, Nick Cave has also "
        "published novels, written the screenplay of ‘The Proposition’ (2005) and, with Warren Ellis, scored it "
        "and a shelf of other films."
    ),
    "Sean Baker": (
        "Born in Summit, New Jersey, in 1971, Sean Baker writes, directs and edits films about people who live "
        "close to the edge of the American economy, often cast with newcomers met on the street or online. "
        "‘Tangerine’ (2015) was shot on iPhones; ‘Anora’ (2024) won the Palme d’Or at Cannes and, in March 2025, "
        "the Oscars for best picture, director, original screenplay and editing."
    ),
}

FILMS = [
    {
        "title": "The Proposition",
        "slug": "the-proposition",
        "year": 2005,
        "credits": [
            ("John Hillcoat", "director", ""),
            ("Nick Cave", "writer", ""),
            ("Nick Cave", "composer", ""),
            ("Warren Ellis", "composer", ""),
            ("Guy Pearce", "cast", "Charlie Burns"),
            ("Ray Winstone", "cast", "Captain Stanley"),
        ],
    },
    {
        "title": "Anora",
        "slug": "anora",
        "year": 2024,
        "release_date": "2024-10-18",
        "distributor": "Neon",
        "runtime": 139,
        "synopsis": (
            "Ani, a dancer at a Manhattan club who lives in Brighton Beach, is hired by the reckless son of a "
            "Russian oligarch to be his girlfriend for a week, and a spur-of-the-moment trip to Las Vegas ends in "
            "marriage. When word reaches his parents, their New York fixers are sent to undo it, and a frantic "
            "night across south Brooklyn begins."
        ),
        "credits": [
            ("Sean Baker", "director", ""),
            ("Sean Baker", "writer", ""),
            ("Sean Baker", "editor", ""),
            ("Sean Baker", "producer", ""),
            ("Alex Coco", "producer", ""),
            ("Samantha Quan", "producer", ""),
            ("Drew Daniels", "cinematographer", ""),
            ("Mikey Madison", "cast", "Anora “Ani” Mikheeva"),
            ("Mark Eydelshteyn", "cast", "Ivan “Vanya” Zakharov"),
            ("Yura Borisov", "cast", "Igor"),
            ("Karren Karagulian", "cast", "Toros"),
            ("Vache Tovmasyan", "cast", "Garnik"),
        ],
    },
    {
        "title": "Starlet",
        "slug": "starlet",
        "year": 2012,
        "release_date": "2012-11-09",
        "distributor": "Music Box Films",
        "runtime": 103,
        "synopsis": (
            "Jane, a young woman drifting through the San Fernando Valley with her roommates and her tiny dog, finds "
            "a stash of cash inside a thermos she bought at a yard sale. Unsure whether to give it back, she sets "
            "out to befriend the prickly elderly widow who sold it to her."
        ),
        "credits": [
            ("Sean Baker", "director", ""),
            ("Sean Baker", "writer", ""),
            ("Chris Bergoch", "writer", ""),
            ("Sean Baker", "editor", ""),
            ("Radium Cheung", "cinematographer", ""),
            ("Dree Hemingway", "cast", "Jane"),
            ("Besedka Johnson", "cast", "Sadie"),
            ("Stella Maeve", "cast", "Melissa"),
            ("James Ransone", "cast", "Mikey"),
        ],
    },
    {
        "title": "Tangerine",
        "slug": "tangerine",
        "year": 2015,
        "release_date": "2015-07-10",
        "distributor": "Magnolia Pictures",
        "runtime": 88,
        "synopsis": (
            "On Christmas Eve in Hollywood, Sin-Dee Rella, just out of a short jail stint, learns that her boyfriend "
            "has been cheating on her and storms off to find him. Her best friend Alexandra tries to keep the peace "
            "while drumming up an audience for her singing debut that night."
        ),
        "credits": [
            ("Sean Baker", "director", ""),
            ("Sean Baker", "writer", ""),
            ("Chris Bergoch", "writer", ""),
            ("Sean Baker", "editor", ""),
            ("Sean Baker", "cinematographer", ""),
            ("Radium Cheung", "cinematographer", ""),
            ("Sean Baker", "producer", ""),
            ("Shih-Ching Tsou", "producer", ""),
            ("Kitana Kiki Rodriguez", "cast", "Sin-Dee Rella"),
            ("Mya Taylor", "cast", "Alexandra"),
            ("Karren Karagulian", "cast", "Razmik"),
            ("James Ransone", "cast", "Chester"),
            ("Mickey O’Hagan", "cast", "Dinah"),
        ],
    },
    {
        "title": "The Florida Project",
        "slug": "the-florida-project",
        "year": 2017,
        "release_date": "2017-10-06",
        "distributor": "A24",
        "runtime": None,
        "synopsis": (
            "Six-year-old Moonee spends a long summer running wild around the Magic Castle, a purple budget motel "
            "just outside Walt Disney World where she lives with her young mother, Halley. The motel’s weary "
            "manager, Bobby, tries to keep the place, and its residents, from falling apart."
        ),
        "credits": [
            ("Sean Baker", "director", ""),
            ("Sean Baker", "writer", ""),
            ("Chris Bergoch", "writer", ""),
            ("Sean Baker", "editor", ""),
            ("Sean Baker", "producer", ""),
            ("Chris Bergoch", "producer", ""),
            ("Shih-Ching Tsou", "producer", ""),
            ("Alexis Zabé", "cinematographer", ""),
            ("Brooklynn Prince", "cast", "Moonee"),
            ("Bria Vinaite", "cast", "Halley"),
            ("Willem Dafoe", "cast", "Bobby"),
            ("Valeria Cotto", "cast", "Jancey"),
        ],
    },
    {
        "title": "Red Rocket",
        "slug": "red-rocket",
        "year": 2021,
        "release_date": "2021-12-10",
        "distributor": "A24",
        "runtime": None,
        "synopsis": (
            "Broke and bruised, former adult-film star Mikey Saber returns to his hometown of Texas City and talks "
            "his way back into the home of his estranged wife and her mother. Hustling to get back on his feet, he "
            "fixes his attention on a teenager working the counter of the local donut shop."
        ),
        "credits": [
            ("Sean Baker", "director", ""),
            ("Sean Baker", "writer", ""),
            ("Chris Bergoch", "writer", ""),
            ("Sean Baker", "editor", ""),
            ("Sean Baker", "producer", ""),
            ("Samantha Quan", "producer", ""),
            ("Drew Daniels", "cinematographer", ""),
            ("Simon Rex", "cast", "Mikey Saber"),
            ("Bree Elrod", "cast", "Lexi"),
            ("Suzanna Son", "cast", "Strawberry"),
            ("Brenda Deiss", "cast", "Lil"),
        ],
    },
]

# Works beside the films: what their cards show, their credits and, for albums, their tracks
# (durations where we are sure of them; a track without one is listed without).
ALBUMS = [
    {
        "title": "Spirit of Eden",
        "slug": "spirit-of-eden",
        "year": 1988,
        "release_date": "1988-09-12",
        "label": "Parlophone",
        "credits": [
            ("Talk Talk", "artist", ""),
            ("Mark Hollis", "musician", "vocals"),
            ("Tim Friese-Greene", "producer", ""),
        ],
        "tracks": [
            ("The Rainbow", "9:05"),
            ("Eden", "6:37"),
            ("Desire", "7:08"),
            ("Inheritance", "5:16"),
            ("I Believe in You", "6:24"),
            ("Wealth", "6:35"),
        ],
    },
    {
        "title": "Wild God",
        "slug": "wild-god",
        "year": 2024,
        "release_date": "2024-08-30",
        "label": "PIAS",
        "credits": [
            ("Nick Cave and the Bad Seeds", "artist", ""),
            ("Nick Cave", "musician", "vocals, piano"),
            ("Warren Ellis", "musician", "violin, synthesiser"),
        ],
        "tracks": [
            ("Song of the Lake", None),
            ("Wild God", None),
            ("Frogs", None),
            ("Joy", None),
            ("Final Rescue Attempt", None),
            ("Conversion", None),
            ("Cinnamon Horses", None),
            ("Long Dark Night", None),
            ("O Wow O Wow (How Wonderful She Is)", None),
            ("As the Waters Cover the Sea", None),
        ],
    },
]

BOOKS = [
    {
        "title": "Capitalist Realism: Is There No Alternative?",
        "slug": "capitalist-realism",
        "year": 2009,
        "publisher": "Zero Books",
        "isbn": "978-1-84694-317-1",
        "pages": 81,
        "credits": [("Mark Fisher", "author", "")],
    },
    {
        "title": "And the Ass Saw the Angel",
        "slug": "and-the-ass-saw-the-angel",
        "year": 1989,
        "credits": [("Nick Cave", "author", "")],
    },
]

SERIES = [
    {
        "title": "The Bear",
        "slug": "the-bear",
        "first_air_date": "2022-06-23",
        "network": "FX",
        "credits": [("Christopher Storer", "creator", "")],
        "seasons": [
            {
                "number": 3,
                "release_date": "2024-06-26",
                "credits": [
                    ("Jeremy Allen White", "cast", "Carmen “Carmy” Berzatto"),
                    ("Ayo Edebiri", "cast", "Sydney Adamu"),
                ],
            },
        ],
    },
]

AUTHORS = [
    {
        "name": "Maren Okafor",
        "slug": "maren-okafor",
        "email": "maren.okafor@example.org",
        "website": "https://example.org/maren-okafor",
        "bio": (
            "Maren Okafor is the magazine’s senior film critic and has spent fifteen years covering independent "
            "American cinema, festival politics and the economics of going to the movies. She lives in Philadelphia "
            "and keeps a list of every film she has walked out of, which is shorter than you might think."
        ),
    },
    {
        "name": "Jude Castellanos",
        "slug": "jude-castellanos",
        "email": "jude.castellanos@example.org",
        "website": "https://example.org/jude-castellanos",
        "bio": (
            "Jude Castellanos spent a decade as a union organizer before he started writing about film, and he still "
            "watches every movie with one eye on who is doing the work. He is finishing a book about jobs and "
            "workplaces in American screen comedy."
        ),
    },
    {
        "name": "Priya Halloran",
        "slug": "priya-halloran",
        "email": "priya.halloran@example.org",
        "website": "https://example.org/priya-halloran",
        "bio": (
            "Priya Halloran edits the books section and writes about criticism, political theory and the small "
            "presses that publish both. Before joining the magazine she taught literature at a community college "
            "in Ohio, where she learned that every good argument has to survive a Tuesday-night seminar."
        ),
    },
    {
        "name": "Wen Delacroix",
        "slug": "wen-delacroix",
        "email": "wen.delacroix@example.org",
        "website": "https://example.org/wen-delacroix",
        "bio": (
            "Wen Delacroix writes about pop music, sad records and the strange work that songs do in films and "
            "stadiums. A former college radio host, Wen still believes the best way to review an album is to play "
            "it too loud at least once."
        ),
    },
    {
        "name": "Ruth Amsel",
        "slug": "ruth-amsel",
        "email": "ruth.amsel@example.org",
        "website": "https://example.org/ruth-amsel",
        "bio": (
            "Ruth Amsel is the magazine’s news editor and a film critic with a weakness for long takes and short "
            "running times. She has reported from Cannes, Sundance and Toronto, and from more overheated press "
            "rooms than she cares to count."
        ),
    },
]

ARTICLES = [
    {
        "slug": "anora-sex-work-and-the-fantasies-of-genre",
        "title": "‘Anora’, (Sex) Work, and the Fantasies of Genre",
        "dek": (
            "Sean Baker’s Palme d’Or winner dresses up as a Brooklyn Cinderella story, but its real subject is the "
            "clock, the rate card and what a fairy tale costs the woman who has to work inside it."
        ),
        "kind": "essay",
        "section": "film",
        "authors": ["maren-okafor", "jude-castellanos"],
        "films": ["anora", "starlet", "tangerine", "the-florida-project", "red-rocket"],
        "tags": ["sean baker", "sex work", "labor", "genre", "class"],
        "rating": None,
        "published": "2025-01-14T09:00:00",
        "hero_alt": (
            "Abstract illustration: a glass slipper drawn in neon pink outline sits on a stack of banknotes, "
            "with a time clock’s punch card rising behind it like a skyline."
        ),
        "hero_caption": "A fairy tale always has a bill attached; Baker’s film keeps the receipt in view.",
        "hero_credit": "Illustration: Magazine demo",
        "citations": [
            {
                "kind": "book",
                "author": "Fisher, Mark",
                "title": "Capitalist Realism: Is There No Alternative?",
                "publisher": "Zero Books",
                "year": 2009,
            },
            {
                "kind": "book",
                "author": "Grant, Melissa Gira",
                "title": "Playing the Whore: The Work of Sex Work",
                "publisher": "Verso",
                "year": 2014,
            },
            {
                "kind": "book",
                "author": "Srnicek, Nick",
                "title": "Platform Capitalism",
                "publisher": "Polity Press",
                "year": 2016,
            },
            {
                "kind": "song",
                "author": "Take That",
                "title": "Greatest Day",
                "container": "The Circus",
                "publisher": "Polydor",
                "year": 2008,
            },
            {
                "kind": "book",
                "author": "Hochschild, Arlie Russell",
                "title": "The Managed Heart: Commercialization of Human Feeling",
                "publisher": "University of California Press",
                "year": 1983,
            },
            {
                "kind": "book",
                "author": "Berlant, Lauren",
                "title": "Cruel Optimism",
                "publisher": "Duke University Press",
                "year": 2011,
            },
        ],
        "comments": [
            {
                "name": "Dana Whitcombe",
                "email": "dana.whitcombe@example.com",
                "body": (
                    "Reading Toros and his guys as a trust-and-safety team made me laugh out loud, and then made me "
                    "think uncomfortably hard about my own job in content moderation.\n\n"
                    "One quibble: I think you undersell how funny the middle hour is. The ending lands as hard as it "
                    "does because the film lets you forget, for a while, that anyone is working."
                ),
                "status": "approved",
            },
            {
                "name": "Marisol Tran",
                "email": "marisol.tran@example.com",
                "body": (
                    "I danced for most of my twenties, and that opening montage is the first time I have seen a "
                    "movie get the boredom right. Not the glamour, not the danger: the boredom, and the math. "
                    "Thank you for writing about it as a shift."
                ),
                "status": "approved",
            },
            {
                "name": "Elena Sokolova-Price",
                "email": "e.sokolova.price@example.com",
                "body": (
                    "The Hochschild section is the heart of this for me. The question of whether Ani ‘really’ loved "
                    "Vanya always struck me as the wrong one, and you explain why better than I could."
                ),
                "status": "approved",
            },
            {
                "name": "Tom Reyes",
                "email": "tom.reyes@example.com",
                "body": (
                    "I’m less convinced by the ending as a diagnosis. To me Igor is simply the romantic lead the genre "
                    "was hiding all along, and the film lets him off lightly for his part in the night before.\n\n"
                    "Still, the best thing I’ve read on the film this winter."
                ),
                "status": "approved",
            },
            {
                "name": "Jo Karlsson",
                "email": "jo.karlsson@example.com",
                "body": (
                    "Saw it a second time after reading this and spent the whole opening watching the ATM instead of "
                    "the dancers. Is there going to be a piece on the music? That Take That cue deserves one."
                ),
                "status": "pending",
            },
        ],
    },
    {
        "slug": "the-florida-project-summer-at-the-edge-of-the-kingdom",
        "title": "‘The Florida Project’ Review: Summer at the Edge of the Kingdom",
        "dek": (
            "Seven years on, Sean Baker’s motel-set film about a six-year-old and her mother is still the warmest "
            "thing anyone has made about American precarity — and the one that hurts the most."
        ),
        "kind": "review",
        "section": "film",
        "authors": ["ruth-amsel"],
        "films": ["the-florida-project"],
        "tags": ["sean baker", "class", "childhood", "retrospective"],
        "rating": 5,
        "published": "2024-10-11T10:00:00",
        "hero_alt": (
            "Abstract illustration: a lilac rectangle suggesting a motel facade beneath a band of orange sky, "
            "crossed by the thin arc of a distant rainbow."
        ),
        "hero_caption": "The Magic Castle, a short drive and a long distance from the theme parks.",
        "hero_credit": "Illustration: Magazine demo",
        "citations": [],
        "comments": [
            {
                "name": "Grace Adeyemi",
                "email": "grace.adeyemi@example.com",
                "body": (
                    "I grew up about twenty minutes from that stretch of highway, and the colors are exactly right. "
                    "People who have never been there think the film exaggerates. It doesn’t."
                ),
                "status": "approved",
            },
            {
                "name": "Owen Fitzgerald",
                "email": "owen.fitz@example.com",
                "body": (
                    "Agree about Dafoe. The scene where Bobby quietly walks that man off the property is one of the "
                    "best pieces of screen acting I know, and he barely raises his voice."
                ),
                "status": "approved",
            },
        ],
    },
    {
        "slug": "red-rocket-the-charm-offensive",
        "title": "‘Red Rocket’ Review: The Charm Offensive",
        "dek": (
            "Simon Rex plays a broke porn veteran talking his way back into his Texas hometown, and Sean Baker "
            "keeps us laughing long past the point where we should have stopped."
        ),
        "kind": "review",
        "section": "film",
        "authors": ["jude-castellanos"],
        "films": ["red-rocket"],
        "tags": ["sean baker", "sex work", "class", "retrospective"],
        "rating": 4,
        "published": "2024-10-04T10:00:00",
        "hero_alt": (
            "Abstract illustration: a pink donut shape hovering over a flat gray horizon lined with the "
            "silhouettes of refinery towers."
        ),
        "hero_caption": "Texas City, where the refineries make a second sky.",
        "hero_credit": "Illustration: Magazine demo",
        # The donut sign is what a crop must keep: cards and the share image are cut around it.
        "hero_focus": (0.5, 0.36),
        # The body's trailer placeholder shows this drawing as its poster (an embed's poster lives in the
        # library like any picture); the demo's video address is a stand-in, never asked for anything.
        "trailer_poster_alt": "The donut sign over the refineries of Texas City, dimmed behind a play button.",
        "corrections": [
            {
                "kind": "correction",
                "date": "2024-10-06T09:30:00",
                "text": (
                    "An earlier version of this review gave the wrong year for the film’s setting. It takes place "
                    "in the summer of 2016."
                ),
            },
        ],
        "citations": [],
        "comments": [
            {
                "name": "Leah Brandt",
                "email": "leah.brandt@example.com",
                "body": (
                    "I couldn’t finish it the first time and I think this review explains why: the film is built to "
                    "make you complicit. Might try again with that in mind."
                ),
                "status": "approved",
            },
        ],
    },
    {
        "slug": "tangerine-at-ten-the-phone-was-never-the-point",
        "title": "‘Tangerine’ at Ten: The Phone Was Never the Point",
        "dek": (
            "A decade after Sean Baker shot a Christmas Eve chase on three iPhones, the gimmick has faded — and "
            "the performances have only grown louder."
        ),
        "kind": "feature",
        "section": "film",
        "authors": ["maren-okafor"],
        "films": ["tangerine", "starlet"],
        "tags": ["sean baker", "sex work", "iphone filmmaking", "independent film"],
        "rating": None,
        "published": "2025-07-10T09:00:00",
        "hero_alt": (
            "Abstract illustration: a tall vertical rectangle like a phone screen, flooded with saturated orange "
            "light and crossed by the blurred streak of a running figure."
        ),
        "hero_caption": "Hollywood on Christmas Eve, pushed all the way to orange.",
        "hero_credit": "Illustration: Magazine demo",
        "citations": [],
        "comments": [
            {
                "name": "Priyanka Dsouza",
                "email": "priyanka.d@example.com",
                "body": (
                    "Showed this film to my film club in 2016 and half the room spent the discussion talking about "
                    "the phones. Glad someone is finally saying the quiet part: it was always the actors."
                ),
                "status": "approved",
            },
            {
                "name": "Sam Okonjo",
                "email": "sam.okonjo@example.com",
                "body": (
                    "I had forgotten Ransone and Karagulian were in Starlet too. Watching the two films back to back "
                    "now feels like the obvious double bill.\n\n"
                    "Also: that laundromat scene still wrecks me."
                ),
                "status": "approved",
            },
            {
                "name": "Priyanka Dsouza",
                "email": "priyanka.d@example.com",
                "reply_to": 1,
                "body": (
                    "We did exactly that double bill last spring. Starlet first, so the quiet one sets you up "
                    "for the loud one. Nobody mentioned the phones once."
                ),
                "status": "approved",
            },
            {
                "name": "Sam Okonjo",
                "email": "sam.okonjo@example.com",
                "reply_to": 2,
                "body": "Stealing that running order for ours. Thank you!",
                "status": "approved",
            },
        ],
    },
    {
        "slug": "anora-wins-best-picture-cannes-to-the-oscars",
        "title": "‘Anora’ Wins Best Picture, Completing a Run From Cannes to the Oscars",
        "dek": (
            "Sean Baker takes home four statuettes for a single film and Mikey Madison wins Best Actress as the "
            "Palme d’Or winner sweeps the 97th Academy Awards."
        ),
        "kind": "news",
        "section": "film",
        "authors": ["ruth-amsel"],
        "films": ["anora"],
        "tags": ["sean baker", "academy awards", "cannes"],
        "rating": None,
        "published": "2025-03-03T07:30:00",
        "hero_alt": (
            "Abstract illustration: five small gold rectangles arranged in a row against a deep red field, "
            "with a single palm frond drawn in thin gold line above them."
        ),
        "hero_caption": "From the Croisette to Hollywood in nine months.",
        "hero_credit": "Illustration: Magazine demo",
        "citations": [],
        "corrections": [
            {
                "kind": "update",
                "date": "2025-03-03T11:45:00",
                "text": (
                    "Updated after the ceremony ended to list all four of Sean Baker’s personal wins and to note "
                    "the Walt Disney precedent."
                ),
            },
        ],
        "comments": [
            {
                "name": "Hannah Lowe",
                "email": "hannah.lowe@example.com",
                "body": "Four for one film in one night is wild. Well deserved, especially the editing award.",
                "status": "approved",
            },
            {
                "name": "Felix Amundsen",
                "email": "felix.amundsen@example.com",
                "reply_to": 0,
                "body": (
                    "Editing it himself makes that one the sweetest. The wedding-chapel sequence is cut like a "
                    "heist and nobody ever talks about it."
                ),
                "status": "approved",
            },
        ],
    },
    {
        "slug": "the-greatest-day-never-comes-pop-anthems-of-uplift",
        "title": "The Greatest Day Never Comes: On the Pop Anthem of Uplift",
        "dek": (
            "Take That’s 2008 comeback single is a machine for manufacturing hope, which is exactly why it sounded "
            "so strange, and so right, over the opening of ‘Anora’."
        ),
        "kind": "essay",
        "section": "music",
        "authors": ["wen-delacroix"],
        "films": ["anora"],
        "tags": ["pop", "anthems", "take that", "genre"],
        "rating": None,
        "published": "2025-02-21T09:00:00",
        "hero_alt": (
            "Abstract illustration: concentric golden rings radiating from a small point at the bottom of the "
            "frame, like a stadium chorus seen as sound waves."
        ),
        "hero_caption": "The uplift anthem lives in the future tense.",
        "hero_credit": "Illustration: Magazine demo",
        "citations": [
            {
                "kind": "song",
                "author": "Take That",
                "title": "Greatest Day",
                "container": "The Circus",
                "publisher": "Polydor",
                "year": 2008,
            },
            {
                "kind": "article",
                "author": "Dyer, Richard",
                "title": "Entertainment and Utopia",
                "container": "Movie",
                "issue": "24",
                "pages": "2–13",
                "year": 1977,
            },
        ],
        "comments": [
            {
                "name": "Callum Reid",
                "email": "callum.reid@example.com",
                "body": (
                    "As a Brit, watching this film in an American cinema and hearing that song start up was one of "
                    "the more surreal moments of my moviegoing life. Nobody around me reacted. I nearly stood up."
                ),
                "status": "approved",
            },
            {
                "name": "Aiko Hartmann",
                "email": "aiko.hartmann@example.com",
                "body": (
                    "The Dyer essay is such a good fit here. Energy, abundance, community: it’s basically a recipe "
                    "for every song played at the end of a wedding."
                ),
                "status": "approved",
            },
            {
                "name": "Ben Osei",
                "email": "ben.osei@example.com",
                "body": (
                    "Good point about 2008. I’d add that these songs never really went away; they just moved to "
                    "adverts and sports montages."
                ),
                "status": "approved",
            },
        ],
    },
    {
        "slug": "spirit-of-eden-the-sound-of-a-band-leaving-the-room",
        "title": "‘Spirit of Eden’ Review: The Sound of a Band Leaving the Room",
        "dek": (
            "Talk Talk’s 1988 album turned a synth-pop act into something nobody had a name for yet, and it still "
            "sounds like weather moving across an empty field."
        ),
        "kind": "review",
        "section": "music",
        "authors": ["wen-delacroix"],
        "works": ["spirit-of-eden"],
        "tags": ["talk talk", "retrospective", "pop"],
        "rating": 5,
        "published": "2024-06-18T09:00:00",
        "hero_alt": (
            "Abstract illustration: a pale green field under a wide, washed-out sky, with a single dark "
            "horizontal line where the horizon should be."
        ),
        "hero_caption": "Six pieces, a great deal of silence, and no obvious single.",
        "hero_credit": "Illustration: Magazine demo",
        "citations": [
            {
                "kind": "album",
                "author": "Talk Talk",
                "title": "Spirit of Eden",
                "publisher": "Parlophone",
                "year": 1988,
                "work": "spirit-of-eden",
            },
            {
                "kind": "album",
                "author": "Talk Talk",
                "title": "Laughing Stock",
                "publisher": "Verve",
                "year": 1991,
            },
        ],
        "comments": [
            {
                "name": "Martin Albers",
                "email": "martin.albers@example.com",
                "body": (
                    "Bought this on cassette the week it came out, expecting another ‘It’s My Life’. Took me a year "
                    "to understand what I’d bought. Now it’s the record I’d save from a fire."
                ),
                "status": "approved",
            },
            {
                "name": "Ines Carvalho",
                "email": "ines.carvalho@example.com",
                "body": "“Turn it up louder than feels sensible” is exactly right. The quiet parts need the volume.",
                "status": "approved",
            },
        ],
    },
    {
        "slug": "capitalist-realism-revisited-the-little-book-that-named-the-weather",
        "title": "‘Capitalist Realism’ Revisited: The Little Book That Named the Weather",
        "dek": (
            "Mark Fisher’s slim 2009 polemic has outlived the moment it diagnosed, and the moment, uncomfortably, "
            "has outlived him."
        ),
        "kind": "review",
        "section": "books",
        "authors": ["priya-halloran"],
        "works": ["capitalist-realism"],
        "tags": ["mark fisher", "capitalism", "retrospective", "criticism"],
        "rating": 4,
        "published": "2026-01-13T09:00:00",
        "hero_alt": (
            "Abstract illustration: a small paperback-sized rectangle casting a long shadow across a gray grid "
            "of identical office windows."
        ),
        "hero_caption": "Fewer than a hundred pages, and still casting a long shadow.",
        "hero_credit": "Illustration: Magazine demo",
        "citations": [
            {
                "kind": "book",
                "author": "Fisher, Mark",
                "title": "Capitalist Realism: Is There No Alternative?",
                "publisher": "Zero Books",
                "year": 2009,
            },
            {
                "kind": "book",
                "author": "Fisher, Mark",
                "title": "Ghosts of My Life: Writings on Depression, Hauntology and Lost Futures",
                "publisher": "Zero Books",
                "year": 2014,
            },
        ],
        "comments": [
            {
                "name": "Rhys Llewellyn",
                "email": "rhys.llewellyn@example.com",
                "body": (
                    "I teach in further education now, and the pages on reflexive impotence could have been written "
                    "about my Thursday afternoon class. Sixteen years later and nothing has changed except the "
                    "phones got better."
                ),
                "status": "approved",
            },
            {
                "name": "Nadia Farouk",
                "email": "nadia.farouk@example.com",
                "body": (
                    "Fair point about the blind spots. It’s a book that works best as a starting point, and it "
                    "seems Fisher knew that."
                ),
                "status": "approved",
            },
        ],
    },
    {
        "slug": "who-gets-to-tell-it-playing-the-whore-and-the-sex-worker-on-screen",
        "title": "Who Gets to Tell It: ‘Playing the Whore’ and the Sex Worker on Screen",
        "dek": (
            "Melissa Gira Grant’s 2014 book asked the culture to stop staring at sex workers and start listening "
            "to them; a decade later, the movies have only partly caught up."
        ),
        "kind": "essay",
        "section": "books",
        "authors": ["priya-halloran"],
        "films": ["anora", "tangerine"],
        "tags": ["sex work", "labor", "genre", "criticism"],
        "rating": None,
        "published": "2025-06-02T09:00:00",
        "hero_alt": (
            "Abstract illustration: a red umbrella shape drawn in a few bold strokes, sheltering a cluster of "
            "small speech-bubble outlines."
        ),
        "hero_caption": "Representation is not the same thing as voice.",
        "hero_credit": "Illustration: Magazine demo",
        "citations": [
            {
                "kind": "book",
                "author": "Grant, Melissa Gira",
                "title": "Playing the Whore: The Work of Sex Work",
                "publisher": "Verso",
                "year": 2014,
            },
            {
                "kind": "film",
                "title": "Anora",
                "contributors": "directed by Sean Baker",
                "publisher": "Neon",
                "year": 2024,
            },
        ],
        "comments": [
            {
                "name": "Alex Moreau",
                "email": "alex.moreau@example.com",
                "body": (
                    "“Whether someone who has done the job would recognize the shift” is the best test I’ve seen "
                    "for this kind of film. Going to steal it."
                ),
                "status": "approved",
            },
        ],
    },
]


# The comment word list moderators start with (edited in the admin afterwards).
WORD_LIST = [
    {"phrase": "replica watches", "kind": "banned", "note": "Spam that arrives every week."},
    {"phrase": "crypto giveaway", "kind": "banned", "note": "Scam posts."},
    {
        "phrase": "idiot*",
        "kind": "suspect",
        "note": "Often the start of a personal attack: a moderator reads it first.",
    },
]

# The desk at work: one article waiting in review, one scheduled for next week and one held
# by an embargo. Their times are relative to when the demo is loaded ("in_days" from today,
# at "at" o'clock in the desk's time zone), so a new user always sees them still ahead.
WORKFLOW_ARTICLES = [
    {
        "slug": "what-the-manager-knows-willem-dafoe-in-the-florida-project",
        "title": "What the Manager Knows: Willem Dafoe in ‘The Florida Project’",
        "dek": (
            "Bobby runs a purple motel on the edge of the Magic Kingdom, and the whole film leans on the way he "
            "looks after people he is not paid to look after."
        ),
        "kind": "essay",
        "section": "film",
        "authors": ["maren-okafor"],
        "films": ["the-florida-project"],
        "tags": ["sean baker", "willem dafoe", "performance"],
        "rating": None,
        "status": "review",
        "submitted": {"in_days": -1, "at": "16:30"},
        "hero_alt": "A lilac wall above a white balcony railing, with a green folding chair and a ring of brass keys hanging from a nail.",
        "hero_caption": "The office door is always open.",
        "hero_credit": "Illustration: Magazine demo",
        "citations": [],
        "comments": [],
    },
    {
        "slug": "nick-cave-one-voice-in-every-room",
        "title": "Nick Cave, One Voice in Every Room",
        "dek": (
            "A novel, a screenplay, a film score and forty years of records: the same preacher’s cadence keeps "
            "turning up, and ‘Wild God’ is where it finally sounds glad to be heard."
        ),
        "kind": "essay",
        "section": "music",
        "authors": ["wen-delacroix"],
        "works": ["wild-god", "the-proposition", "and-the-ass-saw-the-angel"],
        "tags": ["nick cave", "songwriting", "film scores"],
        "rating": None,
        "published": "2025-09-12T09:00:00",
        "hero_alt": (
            "Abstract illustration: a dark blue room seen from its doorway, three lit windows in its far wall, "
            "each a different warm colour."
        ),
        "hero_caption": "One voice, three windows: the records, the books, the films.",
        "hero_credit": "Illustration: Magazine demo",
        "citations": [
            {"kind": "album", "title": "Wild God", "work": "wild-god"},
            {"kind": "film", "title": "The Proposition", "work": "the-proposition"},
            {"kind": "book", "title": "And the Ass Saw the Angel", "work": "and-the-ass-saw-the-angel"},
        ],
        "comments": [],
    },
    {
        "slug": "the-bear-season-three-review-a-kitchen-that-will-not-open",
        "title": "‘The Bear’ Season Three Review: A Kitchen That Will Not Open",
        "dek": (
            "Ten episodes about a restaurant preparing to be good, which is a brave subject for television and a "
            "tiring one to watch."
        ),
        "kind": "review",
        "section": "television",
        "authors": ["jude-castellanos"],
        "works": ["the-bear-season-3"],
        "tags": ["the bear", "television", "restaurants"],
        "rating": 3,
        "published": "2024-07-09T09:00:00",
        "hero_alt": (
            "Abstract illustration: a steel kitchen pass under hard white light, ten empty plates in a row, "
            "one of them chipped."
        ),
        "hero_caption": "Ten plates, none of them served.",
        "hero_credit": "Illustration: Magazine demo",
        "citations": [],
        "comments": [],
    },
    {
        "slug": "the-case-for-the-slow-review",
        "title": "The Case for the Slow Review",
        "dek": (
            "Criticism written the morning after has its thrills. Criticism written a month later, when the noise "
            "has gone, has its uses."
        ),
        "kind": "essay",
        "section": "books",
        "authors": ["priya-halloran"],
        "films": [],
        "tags": ["criticism", "reading"],
        "rating": None,
        "status": "published",
        "publish": {"in_days": 7, "at": "09:00"},
        "hero_alt": "Three closed notebooks stacked askew beside an hourglass drawn in ink, most of its sand run through.",
        "hero_caption": "Give it a month.",
        "hero_credit": "Illustration: Magazine demo",
        "citations": [],
        "comments": [],
    },
    {
        "slug": "starlet-review-a-friendship-with-the-price-tag-left-on",
        "title": "‘Starlet’ Review: A Friendship With the Price Tag Left On",
        "dek": (
            "Sean Baker’s Valley film begins with money hidden in a thermos and turns into one of the gentlest, "
            "least sentimental friendships in American independent cinema."
        ),
        "kind": "review",
        "section": "film",
        "authors": ["jude-castellanos"],
        "films": ["starlet"],
        "tags": ["sean baker", "friendship", "sex work"],
        "rating": 4,
        "status": "published",
        "publish": {"in_days": 0, "at": "08:00"},
        "embargo": {"in_days": 3, "at": "06:00", "set_by": "Music Box Films (distributor)"},
        "hero_alt": "A pale yellow thermos standing beside a fan of green banknotes, on a sky-blue background.",
        "hero_caption": "What was in the thermos.",
        "hero_credit": "Illustration: Magazine demo",
        "citations": [],
        "comments": [],
    },
    {
        "slug": "donut-time-the-corner-tangerine-keeps-coming-back-to",
        "title": "Donut Time: The Corner ‘Tangerine’ Keeps Coming Back To",
        "dek": "Sean Baker’s Christmas Eve odyssey crosses Hollywood on foot, and keeps returning to one doughnut shop.",
        "kind": "essay",
        "section": "film",
        "authors": ["maren-okafor"],
        "films": ["tangerine"],
        "tags": ["sean baker", "los angeles"],
        "rating": None,
        "status": "draft",
        "hero_alt": "A ring doughnut with pink icing on a paper napkin, on a pale table under a strip light.",
        "hero_caption": "Everyone ends up back here.",
        "hero_credit": "Illustration: Magazine demo",
        "citations": [],
        "comments": [],
        # What the writer typed after her last save and never saved: the form offers to restore it.
        "autosave": {
            "dek": (
                "Sean Baker’s Christmas Eve odyssey crosses Hollywood on foot, and keeps coming back to one "
                "doughnut shop, the only room in the film where nobody is working."
            ),
            "body_added": (
                "<p>Baker shot the film on phones, and the shop is where that choice pays off most quietly: the "
                "camera can sit at the next table like another customer, close enough to hear the</p>"
            ),
        },
    },
]

# The front page's editors' picks, in order.
FEATURED = [
    "anora-sex-work-and-the-fantasies-of-genre",
    "capitalist-realism-revisited-the-little-book-that-named-the-weather",
    "spirit-of-eden-the-sound-of-a-band-leaving-the-room",
]
