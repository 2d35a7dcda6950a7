"""The demo newsroom: sections, people, sources and stories for ``load_demo``.

Everything here is fictional and was written for this project: the agencies,
newspapers, reporters, officials and quotations are invented, although the
places are real so the datelines read naturally. Rows are keyed on their slugs,
so ``load_demo`` can run again and update them instead of adding copies.

Times are given relative to the moment the command runs (``hours_ago``), so the
demo front page always looks like today's news. So are the days a story names:
"{day}" is the day it is published ("Friday"), "{day+2}" two days after,
"{day-1}" the day before (``load_demo.name_days``). A story marked
``"trading_day": True`` reports a day on the markets, and is dated on the
weekday before when ``hours_ago`` falls at a weekend.
"""

SECTIONS = [
    # slug, name, parent slug, position, description
    ("world", "World", None, 10, "News from every continent, checked and sourced."),
    ("europe", "Europe", "world", 11, "The EU, its neighbours and the continent’s capitals."),
    ("africa", "Africa", "world", 12, "Politics, economies and people across Africa."),
    ("americas", "Americas", "world", 13, "From the Arctic to Patagonia."),
    ("asia-pacific", "Asia-Pacific", "world", 14, "Asia, Australia and the Pacific islands."),
    ("middle-east", "Middle East", "world", 15, "The Middle East and North Africa."),
    ("business", "Business", None, 20, "Markets, trade and the companies that shape them."),
    ("climate", "Climate", None, 30, "Climate policy, science and the people living with change."),
    ("science", "Science", None, 40, "Discoveries, research and the people behind them."),
]

# The demo accounts are linked to the authors marked ``"user": "<username>"``:
# the editor to the Europe editor, the writer to the reporter on the draft.
AUTHORS = [
    {
        "slug": "mara-lindqvist",
        "name": "Mara Lindqvist",
        "job_title": "Europe editor",
        "beat": "europe",
        "user": "editor",
        "bio": (
            "Mara Lindqvist leads the Europe desk from Brussels. She has covered "
            "EU summits, elections in the Nordic countries and the continent’s "
            "energy policy for fifteen years."
        ),
        "links": [("Personal site", "https://mara-lindqvist.example/")],
    },
    {
        "slug": "daniel-okafor",
        "name": "Daniel Okafor",
        "job_title": "Africa correspondent",
        "beat": "africa",
        "bio": (
            "Daniel Okafor reports on politics and economics across southern and "
            "eastern Africa from Nairobi. Before joining the desk he was a radio "
            "reporter in Lagos."
        ),
        "links": [],
    },
    {
        "slug": "ines-carvalho",
        "name": "Inés Carvalho",
        "job_title": "Americas correspondent",
        "beat": "americas",
        "bio": (
            "Inés Carvalho covers Latin America from Lima, with a focus on mining, "
            "water and trade. She writes in English, Spanish and Portuguese."
        ),
        "links": [],
    },
    {
        "slug": "priya-raman",
        "name": "Priya Raman",
        "job_title": "Climate and science reporter",
        "beat": "climate",
        "bio": (
            "Priya Raman writes about climate negotiations, natural hazards and "
            "the research behind them. She trained as a geologist before moving "
            "into journalism."
        ),
        "links": [("Research notes", "https://priya-raman.example/notes/")],
    },
    {
        "slug": "samir-haddad",
        "name": "Samir Haddad",
        "job_title": "Middle East correspondent",
        "user": "writer",
        "beat": "middle-east",
        "bio": (
            "Samir Haddad has reported from across the Middle East for a decade and "
            "is based in Amman. He covers diplomacy, humanitarian aid and water."
        ),
        "links": [],
    },
    {
        "slug": "lucy-fairweather",
        "name": "Lucy Fairweather",
        "job_title": "Business editor",
        "beat": "business",
        "bio": (
            "Lucy Fairweather edits the business desk in London and writes about "
            "central banks, energy markets and global trade."
        ),
        "links": [],
    },
]

# Fictional outlets only; their home pages use the reserved .example domain.
SOURCES = [
    {
        "slug": "continental-press-agency",
        "name": "Continental Press Agency",
        # As its wire copy signs ("Source: CPA"): the importer credits this source.
        "other_names": ["CPA"],
        "kind": "agency",
        "country": "Belgium",
        "url": "https://continental-press.example/",
        "notes": "Wire contract renewed yearly in January; credit as “Source: CPA” is not enough.",
    },
    {
        "slug": "meridian-news-service",
        "name": "Meridian News Service",
        "other_names": ["MNS", "Meridian"],
        "kind": "agency",
        "country": "Singapore",
        "url": "https://meridian-news.example/",
        "notes": "Strong in Asia-Pacific and the Gulf; photos are not included in our contract.",
    },
    {
        "slug": "pan-african-wire",
        "name": "Pan-African Wire",
        "kind": "agency",
        "country": "Kenya",
        "url": "https://panafrican-wire.example/",
        "notes": "",
    },
    {
        "slug": "the-northern-ledger",
        "name": "The Northern Ledger",
        "kind": "newspaper",
        "country": "Norway",
        "url": "https://northern-ledger.example/",
        "notes": "Paywalled; link to the story page, never to a PDF edition.",
    },
    {
        "slug": "the-andean-almanac",
        "name": "The Andean Almanac",
        "kind": "newspaper",
        "country": "Peru",
        "url": "https://andean-almanac.example/",
        "notes": "",
    },
    {
        "slug": "the-kestrel-times",
        "name": "The Kestrel Times",
        "kind": "newspaper",
        "country": "New Zealand",
        "url": "https://kestrel-times.example/",
        "notes": "",
    },
]

# Illustrations drawn with Pillow when the demo loads: a gradient, a motif and a
# word. ``alt`` says what the picture shows, as it would for a photograph.
IMAGES = {
    "summit": {
        "colours": ("#0b3d91", "#4f8fd8"),
        "motif": "circles",
        "label": "BRUSSELS",
    },
    "convoy": {
        "colours": ("#7a4a12", "#e0b36a"),
        "motif": "road",
        "label": "AID ROUTE",
    },
    "volcano": {
        "colours": ("#2b0f0f", "#e0552b"),
        "motif": "mountain",
        "label": "TALABU",
    },
    "climate": {
        "colours": ("#0f4d3a", "#8fd3a8"),
        "motif": "waves",
        "label": "BONN",
    },
    "markets": {
        "colours": ("#1d1f3a", "#6b6fd8"),
        "motif": "bars",
        "label": "MARKETS",
    },
    "ocean": {
        "colours": ("#021a33", "#1f7aa8"),
        "motif": "waves",
        "label": "DEEP SEA",
    },
}

# status: "published" (default), "scheduled" (published, due in the future) or "draft".
STORIES = [
    {
        "slug": "eu-leaders-agree-emergency-energy-pact",
        "headline": "EU leaders agree emergency energy pact after all-night summit",
        "standfirst": (
            "Governments will share gas storage and cap emergency prices for two winters, "
            "but the deal leaves the hardest question, who pays, for March."
        ),
        "dateline": "Brussels",
        "section": "europe",
        "authors": ["mara-lindqvist", "lucy-fairweather"],
        "origin": "continental-press-agency",
        "cited": ["the-northern-ledger"],
        "hours_ago": 3,
        "pinned": True,
        "image": "summit",
        "image_alt": (
            "A deep blue illustration with concentric circles and the word Brussels "
            "in white capitals."
        ),
        "image_caption": "Leaders met for nineteen hours before the pact was announced at dawn.",
        "image_credit": "Illustration: Newsroom demo",
        "body": """
<p>European Union leaders agreed early on {day} to pool gas storage and to cap
emergency electricity prices for the next two winters, ending a summit that ran
for nineteen hours and at one point looked close to collapse.</p>
<p>The pact obliges every member state to keep its storage at least 85 per cent
full by the first of November and to release gas to a neighbour whose reserves
fall below a danger line. A temporary ceiling on wholesale power prices will
apply only when a shortage is declared by a majority of governments.</p>
<h2>A deal reached at dawn</h2>
<p>Diplomats said the breakthrough came shortly after four in the morning, when
a group of central European countries dropped its demand that the price cap
apply automatically. In exchange, coastal states with liquefied gas terminals
accepted binding rules on how much they must send inland during a crisis.</p>
<blockquote><p>“Nobody leaves this room with everything they wanted, and that is
how you know it is a European agreement,” the summit’s chair told reporters as
the sun came up over the Berlaymont.</p></blockquote>
<p>The Continental Press Agency reported that two governments recorded formal
objections to the wording on storage targets but did not block the text.</p>
<h2>Who pays is left for March</h2>
<p>The hardest question, how the cost of any subsidy is shared, was postponed.
Finance ministers are asked to return with a proposal before the spring
summit. Several delegations want joint borrowing; others insist that each
capital should pay for its own households.</p>
<p>The Northern Ledger, citing a draft seen by its correspondents, said the
Commission had modelled a shared fund of up to 40 billion euros. Officials
would not confirm the figure on {day}.</p>
<h2>Markets calm, for now</h2>
<p>Gas futures for delivery next winter fell by about six per cent in early
trading, a sign that traders see less risk of a disorderly scramble for
supply. Analysts cautioned that a cold snap or an outage at a large terminal
could still push prices sharply higher.</p>
<p>Energy ministers will meet next week to turn the political agreement into
legal text. The rules must then be approved by the European Parliament, which
has signalled that it wants a say over when a shortage may be declared and
for how long the emergency powers can last.</p>
<p>Consumer groups welcomed the storage rules but said the price ceiling came
too late for families already behind on their bills after last winter.</p>
""",
    },
    {
        "slug": "ceasefire-holds-as-aid-convoys-cross",
        "headline": "Ceasefire holds for a second day as aid convoys cross into border towns",
        "standfirst": (
            "Forty lorries carrying food, water and medicine reached three towns cut off "
            "for a month, and mediators say talks on a lasting truce will begin on {day+2}."
        ),
        "dateline": "Amman",
        "section": "middle-east",
        "authors": ["samir-haddad"],
        "origin": "meridian-news-service",
        "cited": ["continental-press-agency"],
        "hours_ago": 7,
        "image": "convoy",
        "image_alt": (
            "An ochre illustration of a road running towards the horizon under the "
            "words Aid route."
        ),
        "image_caption": "The first convoy took nine hours to cover a route that once took two.",
        "image_credit": "Illustration: Newsroom demo",
        "body": """
<p>A ceasefire between government forces and armed groups in the border region
held for a second day on {day}, allowing the first aid convoys in a month to
reach three towns that had been cut off by fighting.</p>
<p>Forty lorries carrying flour, bottled water, baby formula and medical
supplies crossed the main checkpoint shortly after dawn, according to the
Meridian News Service, which had a reporter travelling with the convoy.</p>
<h2>Nine hours for sixty kilometres</h2>
<p>The journey, which took two hours before the fighting began, took nine. Drivers
waited at four checkpoints while their loads were inspected, and engineers had
to fill two craters before the heavier vehicles could pass.</p>
<blockquote><p>“People were waiting at the side of the road from the early morning.
Some had walked from villages ten kilometres away,” said a coordinator for one of
the relief agencies, who asked not to be named because she was not authorised
to speak to the press.</p></blockquote>
<p>Doctors at the only working hospital in the largest of the three towns said
they had run out of insulin and antibiotics a week ago and had been treating
wounds with boiled water.</p>
<h2>Talks on a lasting truce</h2>
<p>Mediators said delegations from both sides had agreed to meet on {day+2} to
discuss extending the ceasefire and exchanging prisoners. The talks will be
held in a neutral capital that officials declined to name for security
reasons.</p>
<p>The Continental Press Agency quoted a senior diplomat involved in the
mediation as saying the first 48 hours had been “quieter than anyone dared to
hope”, with only two minor violations reported, both of which were resolved by
a joint monitoring committee.</p>
<h2>Fragile calm</h2>
<p>Residents remain wary. Previous truces in the region have collapsed within
days, and both sides accuse the other of using pauses in the fighting to
resupply. Relief agencies say they need at least two weeks of uninterrupted
access to restock clinics and repair water pumps before the summer heat.</p>
<p>A second, larger convoy of sixty lorries is scheduled to leave on {day+1} if
the ceasefire holds overnight.</p>
""",
    },
    {
        "slug": "volcano-eruption-forces-evacuation-on-talabu",
        "headline": "Volcano eruption forces evacuation of 12,000 people on Talabu island",
        "standfirst": (
            "Mount Seraya sent an ash column nine kilometres into the sky; flights across "
            "the region are suspended and scientists warn a larger eruption is possible."
        ),
        "dateline": "Manado",
        "section": "asia-pacific",
        "authors": ["priya-raman", "samir-haddad"],
        "origin": "meridian-news-service",
        "cited": ["the-kestrel-times"],
        "hours_ago": 11,
        "image": "volcano",
        "image_alt": (
            "A dark red illustration of a mountain peak against an orange sky, with the "
            "word Talabu across it."
        ),
        "image_caption": "Ash from Mount Seraya drifted more than 200 kilometres to the west.",
        "image_credit": "Illustration: Newsroom demo",
        "body": """
<p>Authorities on the Indonesian island of Talabu ordered the evacuation of about
12,000 people on {day} after Mount Seraya erupted, sending a column of ash
nine kilometres into the sky and forcing the closure of airports across the
region.</p>
<p>The national volcanology agency raised the alert to its highest level shortly
after midday and widened the exclusion zone around the crater from four to seven
kilometres. Police and soldiers went door to door in villages on the volcano’s
eastern slopes.</p>
<h2>Ash over the sea lanes</h2>
<p>Satellite images showed ash drifting more than 200 kilometres to the west. The
Meridian News Service reported that at least 60 domestic flights had been
cancelled and that ferries between the smaller islands were ordered to stay in
port because of poor visibility.</p>
<blockquote><p>“The ground was shaking for an hour before the big explosion. We took
the children and the documents and left everything else,” said a farmer at an
evacuation centre in a school gymnasium in the island’s main town.</p></blockquote>
<h2>Scientists warn of a larger eruption</h2>
<p>Volcanologists said seismic activity beneath the mountain remained intense.
Instruments recorded hundreds of small earthquakes overnight, a pattern that
often comes before a larger eruption, although it can also fade without one.</p>
<p>“We are watching the gas measurements very closely,” the head of the
monitoring station said. “If sulphur dioxide keeps rising, we may have to widen
the zone again.”</p>
<p>The Kestrel Times, which interviewed researchers who studied the volcano’s
last major eruption, said the mountain had produced pyroclastic flows that
reached the coast in that event, more than a century ago.</p>
<h2>Shelter and supplies</h2>
<p>Local officials said 38 evacuation centres had been opened and that there was
enough rice and water for a week. Health workers distributed masks and warned
residents to stay indoors when ash was falling. No deaths or serious injuries
had been reported by the time this story was filed.</p>
<p>Neighbouring provinces have offered boats and field kitchens should the
evacuation need to be extended to the island’s western coast.</p>
""",
    },
    {
        "slug": "presidential-election-heads-for-run-off",
        "headline": "Presidential election heads for run-off as no candidate wins half the vote",
        "standfirst": (
            "The opposition candidate finished a narrow first, and observers praised a calm "
            "polling day marred only by late ballot papers in two provinces."
        ),
        "dateline": "Lusaka",
        "section": "africa",
        "authors": ["daniel-okafor"],
        "origin": "pan-african-wire",
        "cited": ["continental-press-agency"],
        "hours_ago": 20,
        "body": """
<p>The country’s presidential election will go to a second round after neither of the
two leading candidates won more than half of the votes cast, the electoral
commission announced on {day-1} night.</p>
<p>The opposition candidate, a businesswoman making her first run for office,
took 46.8 per cent,
according to the final count, while the governing party’s candidate took 44.1
per cent. Five other candidates shared the rest. Turnout was 71 per cent, the
highest in two decades.</p>
<h2>A calm polling day</h2>
<p>Observers from regional bodies said voting had been peaceful and well
organised, although ballot papers arrived several hours late at polling
stations in two rural provinces, where voting was extended into the night.</p>
<blockquote><p>“Voters waited patiently in long queues, often in the heat, and the
counting we observed was transparent,” the head of one observer mission said at
a news conference in the capital.</p></blockquote>
<p>The Pan-African Wire reported that both leading campaigns had deployed agents
to almost every polling station, which observers said had helped build trust in
the count.</p>
<h2>Economy at the centre of the campaign</h2>
<p>The campaign has been dominated by the cost of living. The price of maize
meal, the staple food, has risen sharply over the past year, and the
opposition has promised to renegotiate the terms of the country’s debt
restructuring.</p>
<p>The governing party argues that its spending on roads and rural clinics is
starting to pay off and that changing course now would unsettle investors.</p>
<h2>Three weeks to the second round</h2>
<p>The run-off must be held within 21 days. Both camps began courting the
third-placed candidate, who won almost six per cent and has not said whom she
will back. Her supporters are concentrated in the north-west, where the
copper mines are.</p>
<p>The Continental Press Agency quoted a political scientist at the national
university as saying the second round would be “the closest race the country
has seen since multiparty politics returned”.</p>
<p>Both candidates urged their supporters to remain calm and to wait for the
official results rather than trust figures shared on social media.</p>
""",
    },
    {
        "slug": "climate-talks-agree-draft-on-loss-and-damage",
        "headline": "Climate negotiators agree draft text on paying for loss and damage",
        "standfirst": (
            "The text would let the fund draw on levies as well as donations; small island "
            "states call it a step forward, big emitters call it a starting point."
        ),
        "dateline": "Bonn",
        "section": "climate",
        "authors": ["priya-raman", "mara-lindqvist"],
        "origin": "continental-press-agency",
        "cited": ["meridian-news-service", "the-kestrel-times"],
        "hours_ago": 26,
        "image": "climate",
        "image_alt": (
            "A green illustration of layered waves rising towards a pale horizon, with the "
            "word Bonn in white."
        ),
        "image_caption": "Mid-year talks prepare the texts ministers will fight over in November.",
        "image_credit": "Illustration: Newsroom demo",
        "body": """
<p>Negotiators at the mid-year United Nations climate talks in Bonn agreed on
{day} a draft text on how to fill the fund that pays for loss and damage
caused by climate change, setting up a fight over the details at the ministerial
summit in November.</p>
<p>The draft would allow the fund to draw on new international levies, for
example on shipping fuel or frequent flying, as well as on contributions from
governments and development banks. Several options remain in square brackets,
the negotiators’ sign for wording not yet agreed.</p>
<h2>Islands welcome a step forward</h2>
<p>Small island states, which pushed for years for the fund to be created, said
the text was the first time levies had appeared in an agreed document.</p>
<blockquote><p>“For us this is not an abstract debate. We are already paying to move
villages away from the shore,” the lead negotiator for a group of Pacific states
said in the plenary hall.</p></blockquote>
<p>The Meridian News Service reported that a coalition of Asian and African
delegations had threatened to block the whole package unless the levy option
stayed in the text.</p>
<h2>Big emitters cautious</h2>
<p>Large emitting countries said the draft was a starting point rather than a
deal. Some rich countries want the fund’s donor base widened to include
fast-growing economies that are not traditional donors. Those economies reject
that, arguing that historical emissions should decide who pays.</p>
<p>The Kestrel Times noted that pledges made so far cover only a small part of
what independent estimates say vulnerable countries will need each year by the
end of the decade.</p>
<h2>What happens next</h2>
<p>The text now goes to ministers, who will meet informally twice before the
November summit. Observers said the biggest risk was that the levy options were
quietly dropped to win the support of countries that rely on aviation and
shipping.</p>
<p>Campaign groups held a silent protest outside the conference centre,
holding up the names of towns damaged by floods and storms this year.</p>
<p>The talks close on {day+2} with sessions on adaptation finance and on
the rules for carbon markets, where progress has been slower.</p>
""",
    },
    {
        "slug": "stocks-slide-as-central-bank-signals-longer-pause",
        "headline": "Stocks slide as central bank signals a longer pause before cutting rates",
        "standfirst": (
            "Bank shares held up but housebuilders and technology stocks fell after a "
            "central bank official said inflation in services was proving stubborn."
        ),
        "dateline": "London",
        "section": "business",
        "authors": ["lucy-fairweather"],
        "origin": "the-northern-ledger",
        "cited": ["continental-press-agency"],
        "hours_ago": 30,
        "trading_day": True,
        "image": "markets",
        "image_alt": (
            "A violet illustration of rising and falling bars, like a chart, with the "
            "word Markets across the top."
        ),
        "image_caption": "The main index had its worst day in six weeks.",
        "image_credit": "Illustration: Newsroom demo",
        "body": """
<p>European stock markets had their worst day in six weeks on {day} after a
senior central bank official said interest rates were likely to stay at
their current level for longer than investors had expected.</p>
<p>The main London index closed 1.9 per cent lower, while markets in Frankfurt
and Paris fell by about 1.5 per cent. Government bond yields rose, and the
pound gained against the dollar and the euro.</p>
<h2>Services inflation proves stubborn</h2>
<p>In a speech to business leaders, the official said that although energy
prices had fallen, inflation in services such as hospitality and repairs was
“proving more persistent than we would like”.</p>
<blockquote><p>“We will not cut rates because markets expect it. We will cut when we
are confident that inflation is heading back to target and will stay there,”
the official said.</p></blockquote>
<p>Traders had been betting on a first cut in the summer. After the speech,
money markets pushed that expectation back to the autumn, according to The
Northern Ledger.</p>
<h2>Winners and losers</h2>
<p>Housebuilders were among the biggest fallers, as higher rates for longer mean
dearer mortgages and fewer buyers. Technology companies, whose value depends
heavily on profits expected far in the future, also fell sharply.</p>
<p>Bank shares held up better. Higher rates allow lenders to earn more on the
difference between what they pay savers and what they charge borrowers,
although analysts warned that bad debts could rise if the economy slows.</p>
<h2>What it means for households</h2>
<p>The Continental Press Agency said lenders were likely to hold fixed mortgage
rates roughly where they are, rather than lowering them as many had planned in
the spring. Savers, by contrast, should continue to find better returns than at
any time in the past decade.</p>
<p>Economists were divided on the outlook. Some said the bank was right to
be cautious after underestimating inflation two years ago; others warned that
keeping rates high risked tipping a weak economy into recession.</p>
<p>The bank’s next rate decision is due in three weeks, alongside new forecasts
for growth and inflation.</p>
""",
    },
    {
        "slug": "canal-limits-crossings-as-reservoir-levels-fall",
        "headline": "Panama Canal limits crossings as drought drains its reservoirs",
        "standfirst": (
            "Ships face longer queues and lighter loads; shipping lines are rerouting "
            "some cargo and farmers upstream say they are being asked to sacrifice too much."
        ),
        "dateline": "Panama City",
        "section": "americas",
        "authors": ["ines-carvalho"],
        "origin": "continental-press-agency",
        "cited": ["the-andean-almanac"],
        "hours_ago": 38,
        "body": """
<p>The Panama Canal Authority said on {day} it would cut the number of daily
crossings for the second time this year, after a prolonged drought left the lake
that feeds the waterway’s locks at its lowest level for the season in decades.</p>
<p>From next month, the canal will allow 24 vessels a day through its older
locks, down from 32, and will lower the maximum depth at which ships may sit in
the water, forcing many to carry less cargo.</p>
<h2>Every crossing costs water</h2>
<p>Each ship that passes through the canal uses millions of litres of fresh
water, which flows from the lake through the locks and out to sea. When the
rains fail, the authority must choose between shipping and the drinking water
of the half of the country’s population that depends on the same lake.</p>
<blockquote><p>“We are managing a scarce resource for the country first and for
world trade second. We cannot do both at full speed,” a spokesperson for
the authority said at a news conference.</p></blockquote>
<h2>Queues and detours</h2>
<p>The Continental Press Agency reported that more than 120 ships were waiting at
either end of the canal on {day}. Some shipping lines have begun sending
container ships around the tip of South America or through the Suez Canal,
adding days to voyages and raising costs.</p>
<p>Exporters of grain and liquefied gas from the United States Gulf Coast are
among the most exposed. Analysts said higher freight rates would eventually
reach consumers, although the effect on prices should be modest.</p>
<h2>Farmers upstream</h2>
<p>The Andean Almanac, which has followed the drought’s effect on farming in the
canal basin, reported that farmers had been asked to cut irrigation and that
some were being offered compensation to leave their land fallow.</p>
<p>“They ask us to save the water for the ships, but nobody saves anything for
us,” one cattle farmer told the paper.</p>
<h2>Looking for new water</h2>
<p>The government has approved a plan to build a reservoir on a neighbouring
river, which would secure the canal’s water supply for decades. The project is
expected to take at least six years and would require the relocation of
several thousand people, who have asked for talks before construction starts.</p>
<p>Meteorologists expect the rainy season to begin late this year.</p>
""",
    },
    {
        "slug": "deep-sea-survey-finds-dozens-of-new-species",
        "headline": "Deep-sea survey finds dozens of species new to science off New Zealand",
        "standfirst": (
            "A month-long expedition to an underwater mountain range brought up corals, "
            "sponges and a translucent squid that researchers have not yet named."
        ),
        "dateline": "Wellington",
        "section": "science",
        "authors": ["priya-raman"],
        "origin": "the-kestrel-times",
        "cited": ["meridian-news-service"],
        "hours_ago": 47,
        "image": "ocean",
        "image_alt": (
            "A navy blue illustration of soft waves fading into darkness, with the words "
            "Deep sea in white."
        ),
        "image_caption": "Most of the samples came from between 800 and 2,000 metres down.",
        "image_credit": "Illustration: Newsroom demo",
        "body": """
<p>Scientists returning from a month-long expedition to an underwater mountain
range east of New Zealand said on {day} they had collected dozens of
animals that appear to be new to science, including corals, sponges, sea stars
and a small translucent squid.</p>
<p>The team, from universities and museums in four countries, used a remotely
operated vehicle to survey the slopes of seamounts that rise from the sea floor
to within a few hundred metres of the surface.</p>
<h2>A hidden mountain range</h2>
<p>Most samples came from depths of between 800 and 2,000 metres, where no light
reaches and the water is just above freezing. Seamounts often host rich
communities because currents sweep food past their slopes.</p>
<blockquote><p>“Every dive turned up something we could not put a name to. On some
days it was more than we could photograph before the next sample came up,”
said the expedition’s chief scientist.</p></blockquote>
<p>The researchers cautioned that confirming a new species takes years of
comparison with museum collections and genetic analysis. They estimate that
between 30 and 50 of the roughly 1,800 specimens will prove to be new.</p>
<h2>A squid without a name</h2>
<p>The find that drew most attention on board was a squid about ten centimetres
long, almost completely transparent, which was filmed hovering near the sea
floor before it was collected. The Kestrel Times, which had a reporter on the
ship for part of the voyage, published the team’s first video of the animal.</p>
<h2>Why it matters</h2>
<p>Deep-sea ecosystems are poorly known, and scientists say surveys like this one
are needed before decisions are made about fishing or mining on the sea floor.
Bottom trawling has damaged coral communities on other seamounts in the region,
and some of them have not recovered decades later.</p>
<p>The Meridian News Service reported that several governments in the Pacific
are weighing applications to explore the sea bed for metals used in
batteries. The expedition’s findings will be shared with the regional
fisheries body and with the authority that regulates deep-sea mining.</p>
<p>The specimens will be studied at museums in Wellington, Sydney and Paris,
and the team plans to publish its first descriptions next year.</p>
""",
    },
    {
        "slug": "copper-miners-strike-over-water-rights",
        "headline": "Copper miners and farmers block highway in dispute over water rights",
        "standfirst": (
            "A week-long blockade has halted shipments from one of the world’s largest "
            "copper mines; the company says it uses less water than ever before."
        ),
        "dateline": "Lima",
        "section": "americas",
        "authors": ["ines-carvalho", "lucy-fairweather"],
        "origin": "the-andean-almanac",
        "cited": ["continental-press-agency"],
        "hours_ago": 54,
        "body": """
<p>Mine workers and farming communities in Peru’s southern highlands have
blocked the main highway to one of the country’s largest copper mines for a
week, halting shipments and adding to pressure on a government already facing
protests in several regions.</p>
<p>The protesters accuse the mine of drawing down the aquifers that feed their
wells and pastures, and are demanding an independent study of the region’s
groundwater. Workers have joined the blockade over a separate dispute about pay
and shift patterns.</p>
<h2>Shipments halted</h2>
<p>The company that operates the mine said lorries carrying copper concentrate
had not been able to reach the coast since {day-6}. It estimated its
losses at several million dollars a day and said the blockade put the jobs of
its own workers at risk.</p>
<blockquote><p>“Our wells used to be full in the dry season. Now we have to bring
water in by truck for the animals,” a community leader told The Andean Almanac
from the roadside camp.</p></blockquote>
<p>The company says it has cut the water it uses per tonne of ore by a third over
the past decade and that most of what it uses is recycled. It has offered to
pay for a study but wants a say in choosing who carries it out.</p>
<h2>A familiar pattern</h2>
<p>Conflicts over water and land are the most common cause of social unrest in
Peru, according to the national ombudsman’s office, which counts more than a
hundred active disputes linked to mining. Many follow the same pattern:
promises of development, doubts about the environment, and a lack of trust in
the authorities who are meant to referee.</p>
<p>The Continental Press Agency reported that government mediators had
travelled to the region and proposed a round table with the company, the
communities and regional officials.</p>
<h2>Prices respond</h2>
<p>Copper prices in London rose for the third day in a row, helped by the
blockade and by supply problems at mines in Chile and central Africa. Copper is
used in power cables, electric vehicles and wind turbines, and demand is
expected to grow for years.</p>
<p>Protest leaders said they would lift the blockade only when a written
agreement on the water study was signed.</p>
""",
    },
    {
        "slug": "nordic-ministers-back-undersea-cable-protection-plan",
        "headline": "Nordic ministers back joint plan to protect undersea cables",
        "standfirst": (
            "Navies and coastguards will share patrol data and repair ships after a series "
            "of unexplained breaks in data and power lines under the Baltic."
        ),
        "dateline": "Oslo",
        "section": "europe",
        "authors": ["mara-lindqvist"],
        "origin": "the-northern-ledger",
        "cited": ["continental-press-agency"],
        "hours_ago": 62,
        "body": """
<p>Defence ministers from the five Nordic countries agreed on {day} to share
patrol data and repair vessels to protect the cables and pipelines that run
along the floor of the North Sea and the Baltic, after a series of unexplained
breaks in the past year.</p>
<p>Under the plan, navies and coastguards will pool information from radar,
sonar and ship-tracking systems in a joint centre, and will be able to send the
nearest available vessel to investigate suspicious activity, whatever its
flag.</p>
<h2>A year of broken cables</h2>
<p>Three data cables and one power line in the region have been damaged since
last spring. Investigators have not publicly blamed anyone, but in two cases
they said the damage was consistent with a ship’s anchor being dragged along
the sea floor for many kilometres.</p>
<blockquote><p>“Most of our internet traffic, and a growing share of our
electricity, travels through a few cables the width of a garden hose. We have
treated them as plumbing. They are infrastructure we must defend,” one of the
ministers told reporters.</p></blockquote>
<p>The Northern Ledger reported that the ministers had also agreed to buy two
specialist repair ships together, cutting the time needed to fix a broken cable
from weeks to days.</p>
<h2>Private owners asked to help</h2>
<p>Most undersea cables are owned by private companies. The plan asks operators
to share the exact routes of their cables with the joint centre and to report
any fault within an hour. Industry groups said they supported the aim but had
concerns about where the sensitive maps would be stored.</p>
<h2>Wider European interest</h2>
<p>The Continental Press Agency said several other European governments had
asked to join the arrangement, and that the European Commission was preparing
its own proposal on the security of undersea infrastructure.</p>
<p>Security analysts welcomed the plan but cautioned that the sea bed is vast
and that no amount of patrolling could watch every kilometre. Building more
cables along different routes, they said, was the surest protection.</p>
<p>The joint centre is expected to begin work in the autumn.</p>
""",
    },
    {
        "slug": "solar-mini-grids-reach-a-million-homes",
        "headline": "Solar mini-grids now power a million homes in East Africa, survey finds",
        "standfirst": (
            "Village-scale solar networks are spreading faster than the national grid, "
            "but most operators still depend on subsidies to keep tariffs affordable."
        ),
        "dateline": "Nairobi",
        "section": "africa",
        "authors": ["daniel-okafor", "lucy-fairweather"],
        "origin": "pan-african-wire",
        "cited": ["meridian-news-service"],
        "hours_ago": 70,
        "body": """
<p>More than a million households in East Africa now get their electricity from
solar mini-grids, small networks that serve a single village or market town,
according to an industry survey published on {day-1}.</p>
<p>The number has doubled in three years, helped by falling prices for solar
panels and batteries and by governments that have changed their rules to allow
private companies to sell power in areas the national grid does not reach.</p>
<h2>Faster than the grid</h2>
<p>Extending the main grid to remote areas can take a decade and costs far more
per connection than a mini-grid, the survey found. In Kenya, Tanzania and
Uganda, most new rural connections last year came from mini-grids or from
solar home systems rather than the national utility.</p>
<blockquote><p>“Before, the market closed when it got dark. Now the tailors and the
barbers work until ten at night, and the children can do their homework,” said
a shopkeeper in a lakeside town quoted in the report.</p></blockquote>
<p>The Pan-African Wire reported that the largest operators were now building
sites with enough capacity to run grain mills, welding workshops and cold
stores, which bring in more revenue than household lighting.</p>
<h2>The question of price</h2>
<p>Tariffs remain the sticking point. Electricity from a mini-grid often costs
several times more per unit than power from the national grid, whose prices
are set by governments and kept low. Most operators rely on grants or
subsidies to connect the poorest households.</p>
<p>The Meridian News Service quoted an investor in several mini-grid companies as
saying that the business would only scale up if governments guaranteed what
happens when the main grid eventually arrives in a village, so that operators
are not left with stranded equipment.</p>
<h2>Next steps</h2>
<p>The survey’s authors called for common technical standards so that mini-grids
can later be connected to national networks, and for cheaper loans in local
currency. Most equipment is bought in dollars, which has made projects more
expensive as East African currencies weakened.</p>
<p>Several governments in the region have pledged to reach universal access to
electricity by the end of the decade. At the current pace, the survey says,
that goal will be missed by several years.</p>
""",
    },
    {
        "slug": "g20-finance-ministers-meet-on-debt-relief",
        "headline": "G20 finance ministers meet with debt relief for poorer countries on the table",
        "standfirst": (
            "A proposal to speed up restructurings would set deadlines for creditors; "
            "private lenders are wary of being bound by them."
        ),
        "dateline": "Rio de Janeiro",
        "section": "business",
        "authors": ["lucy-fairweather"],
        "origin": "continental-press-agency",
        "cited": ["the-andean-almanac"],
        "status": "scheduled",
        "hours_ago": -20,
        "body": """
<p>Finance ministers and central bank governors from the Group of 20 largest
economies meet in Rio de Janeiro on {day}, with a plan to speed up debt
relief for poorer countries at the top of their agenda.</p>
<p>More than a dozen low-income countries are in or close to debt distress,
according to the International Monetary Fund, after years of borrowing to cope
with the pandemic, high food and fuel prices and rising interest rates.</p>
<h2>Deadlines for creditors</h2>
<p>The proposal, drafted by the host country, would set deadlines for each stage
of a debt restructuring, from the first meeting of creditors to the final
agreement. Restructurings under the current framework have taken two years or
more, while the countries concerned cut spending on health and schools.</p>
<blockquote><p>“A restructuring that takes three years is not relief. It is a slow
emergency,” the finance minister of one African country said ahead of the
meeting.</p></blockquote>
<h2>Private lenders wary</h2>
<p>Bondholders and commercial banks, which hold a growing share of poorer
countries’ debts, have said they support faster agreements but are wary of being
bound by timetables set by governments. The Continental Press Agency reported
that an industry group had written to the host country asking for private
creditors to be consulted before any deadlines are fixed.</p>
<p>Large official lenders have also disagreed about how losses should be shared,
and whether multilateral development banks should take a cut on the loans they
have made, which they have always refused.</p>
<h2>Other business</h2>
<p>Ministers will also discuss a minimum tax on the very richest individuals, an
idea pushed by the host country that several European governments support but
that others reject. The Andean Almanac noted that Latin American governments
were likely to push for a discussion of commodity prices, which have swung
sharply this year.</p>
<p>Diplomats cautioned that the meeting was unlikely to end with a joint
communiqué, as disagreements over the wars in Europe and the Middle East have
blocked agreed statements at several recent gatherings. The host country may
instead issue a chair’s summary.</p>
<p>The ministers’ conclusions will feed into the leaders’ summit later this year,
where debt relief is expected to be among the main items.</p>
""",
    },
    {
        "slug": "water-sharing-talks-resume",
        "headline": "Water-sharing talks resume as the river basin faces a third dry summer",
        "standfirst": (
            "Engineers from three countries will meet to discuss how much water each may "
            "take from the river; farmers downstream fear the worst."
        ),
        "dateline": "Amman",
        "section": "middle-east",
        "authors": ["samir-haddad"],
        "origin": "meridian-news-service",
        "cited": ["continental-press-agency"],
        "status": "draft",
        "hours_ago": 0,
        "body": """
<p>Engineers and officials from three countries that share a river basin will
meet next week to resume talks on how much water each may take, as forecasters
warned of a third consecutive dry summer across the region.</p>
<p>The talks were suspended last year after a dispute over the filling of a new
dam upstream. Officials on both sides said the meeting would focus on technical
questions, such as how flows are measured and shared during droughts, rather
than on the broader political disagreement.</p>
<h2>Farmers downstream</h2>
<p>Farmers in the lower part of the basin say the river now runs dry before it
reaches their fields for several weeks each summer. Many have drilled deeper
wells, drawing down aquifers that took thousands of years to fill.</p>
<blockquote><p>“My father grew wheat and vegetables here. This year I planted only
olives, because they survive with almost nothing,” a farmer said, standing
beside a dry irrigation channel.</p></blockquote>
<p>The Meridian News Service reported that the downstream country’s water
ministry had begun rationing supplies to some towns to two days a week.</p>
<h2>What is on the table</h2>
<p>Negotiators are expected to discuss a shared monitoring system with gauges
at the border crossings, an agreed definition of drought, and rules for how
much water must be released from dams when one is declared. Similar
arrangements on other rivers, mediators note, have survived wars and changes
of government because they are technical and verifiable.</p>
<p>The Continental Press Agency quoted a hydrologist who advises one of the
delegations as saying that even a modest agreement on data sharing would help,
because each side currently relies on its own figures and disputes the
other’s.</p>
<h2>Climate pressure</h2>
<p>Rainfall across the basin has declined over the past three decades, and
temperatures have risen faster than the global average. Climate scientists
expect that trend to continue, adding to pressure from growing populations
and expanding cities.</p>
<p>Officials said they hoped the talks would lead to a formal meeting of
ministers before the end of the year. Previous rounds have ended without
agreement, and none of the governments has set out what it would be willing to
concede.</p>
<p>This story is being edited and will be published when the talks begin.</p>
""",
    },
]

# One correction, so the demo shows how corrections look to readers.
CORRECTIONS = [
    {
        "story": "stocks-slide-as-central-bank-signals-longer-pause",
        "kind": "correction",
        "note": (
            "An earlier version of this story said markets in Frankfurt and Paris fell by "
            "about 2.5 per cent. They fell by about 1.5 per cent."
        ),
    },
]

# The publication's own pages (pages/): About us and the pages under it. Written
# once; an editor's later changes are kept by the next ``load_demo``.
PAGES = [
    {
        "url": "/about/",
        "title": "About us",
        "content": """<p>Newsroom is an independent world-news desk. Our correspondents and
editors report from the capitals and the places between them, and we tell readers where
each story comes from: our own reporting, or the agencies and outlets we rely on, named
under every story.</p>
<h2>How we work</h2>
<p>Every story is read by an editor before it is published. When we take a report from a
news agency we say so (“Source: …”), and when a story rests on another outlet’s reporting
we name that outlet in the text.</p>
<p>When we get something wrong, we correct it under the story and in our
<a href="/corrections/">corrections log</a>.</p>""",
    },
    {
        "url": "/about/contact/",
        "title": "Contact us",
        "content": """<h2>The news desk</h2>
<p>Tips, documents and story ideas: <a href="mailto:desk@example.org">desk@example.org</a>.
The desk is staffed around the clock.</p>
<h2>Corrections</h2>
<p>If you think we got something wrong, write to
<a href="mailto:corrections@example.org">corrections@example.org</a> with the address of the
story. An editor reads every message.</p>
<h2>Everything else</h2>
<p>Syndication, licensing and press enquiries:
<a href="mailto:office@example.org">office@example.org</a>.</p>""",
    },
    {
        "url": "/about/standards/",
        "title": "Editorial standards",
        "content": """<p>We report what we can verify, and we say how we know it.</p>
<ul>
<li>Stories based on agency copy carry the agency’s name as their source.</li>
<li>Reports first published elsewhere are credited to the outlet that published them.</li>
<li>Anonymous sources are used only when the information matters and cannot be had on the
record, and an editor knows who they are.</li>
<li>Corrections are made openly: the note says what was wrong and when it was fixed.</li>
</ul>""",
    },
    {
        "url": "/about/privacy/",
        "title": "Privacy",
        "content": """<p>Reading this site sets no cookies and loads nothing from other sites:
no advertising, no tracking, no analytics scripts.</p>
<p>Our servers keep ordinary access logs (address, time, page asked for) for up to 30 days
to keep the site running and safe; they are not shared.</p>
<p>If you write to us, we keep your message only as long as we need it to answer or to
report the story.</p>""",
    },
]
