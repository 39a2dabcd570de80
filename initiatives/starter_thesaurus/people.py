"""Starter groups about people and their lives: young and old, care, loneliness, newcomers and
language, money and work, learning, culture, sport, food, faith, health and events
(migration 0039). One group a line, its first word its name.

EXTRA: more words for a group subjects.py already has (by its first word), merged into that
group's line by the package (a subject has one group)."""

GROUPS: list[str] = [
    # Children: care, clothes and goods, play, clubs
    "kinderopvang gastouder gastouders oppas oppasdienst oppascentrale oppasouder",
    "babyspullen babyuitzet babypakket babypakketten babykleding babykleertjes luiers luierbank",
    "schoolspullen schooltas schooltassen schoolbenodigdheden schoolstartpakket schoolkosten",
    "schoolontbijt ontbijtclub ontbijtproject schoolmaaltijd schoolmaaltijden schoollunch",
    "speurtocht speurtochten vossenjacht puzzeltocht puzzeltochten schattenjacht geocaching "
    "geocachen",
    "scouting scoutinggroep scoutingclub padvinders padvinderij padvinder welpen",
    "programmeren programmeerclub programmeerles coderen codeclub coderdojo robotica "
    "techniekclub techniekles",
    # Young people: say, pocket money, study places, mentors
    "jongerenraad jongerenpanel kinderraad kindergemeenteraad jeugdraad kinderburgemeester "
    "jongerenparticipatie",
    "bijbaan bijbaantje bijbaantjes zakgeld zakgeldbaantje vakantiebaan vakantiewerk "
    "krantenwijk folderwijk scholierenbaan",
    "studieplek studieplekken studeerplek studeerplekken studieruimte studeerruimte studiezaal "
    "stilteruimte",
    "mentor mentoren mentorproject mentorprogramma mentoring rolmodel rolmodellen",
    "pleegzorg pleeggezin pleeggezinnen pleegouders pleegouder pleegkinderen pleegkind",
    # Older people: their clubs, alarms, outings
    "seniorenmiddag seniorenactiviteiten ouderenactiviteiten ouderenmiddag seniorensoos "
    "ouderensoos seniorenclub seniorenochtend ouderenochtend ouderenclub",
    "personenalarmering alarmknop noodknop halsalarm valalarm zorgalarm sleutelkluis",
    "excursie excursies dagtocht dagtochten busreis busreisje",
    # Care and health
    "thuiszorg wijkverpleging wijkverpleegkundige wijkverpleegkundigen buurtzorg wijkzorg "
    "huishoudhulp",
    "palliatief palliatieve stervensbegeleiding hospice levenseinde vptz",
    "ggz psychisch psychische depressie depressies depressief somberheid burnout psycholoog "
    "psychiater",
    "gezondheidscheck gezondheidschecks gezondheidsmarkt gezondheidsbeurs "
    "bloeddrukmeting gezondheidsvoorlichting",
    "leefstijlcoach leefstijlcoaches leefstijlprogramma overgewicht obesitas diabetes suikerziekte",
    "rookvrij rookvrije rookverbod vapen vapes",
    "menstruatiearmoede menstruatieproducten maandverband tampons",
    "zwangerschap zwanger zwangeren kraamzorg kraamtijd borstvoeding bevalling",
    "huiselijkgeweld kindermishandeling relatiegeweld ouderenmishandeling",
    # Work, skills, home kitchens, small businesses
    "omscholing omscholen bijscholing herscholing beroepsopleiding vakopleiding praktijkverklaring",
    "thuiskok thuiskoks thuiskeuken thuiskeukens cateringbedrijf thuisbakker deelkeuken",
    "ondernemerschap zzp zzper zzpers microkrediet microkredieten ondernemersloket broedplaats "
    "broedplaatsen",
    "buurtwinkel dorpswinkel buurtsuper buurtsupermarkt kruidenier",
    # Culture
    "fanfare fanfareorkest harmonieorkest drumband muziekkorps blaaskapel brassband "
    "muziekvereniging orkest orkesten buurtorkest",
    "schilderles schilderlessen schilderclub schildercursus tekenles tekenlessen tekenclub "
    "tekencursus aquarelleren beeldhouwen boetseren keramiek pottenbakken kunstles kunstlessen",
    "circus circusschool circusles jongleren acrobatiek",
    "lezing lezingen debatavond discussieavond gespreksavond filosofiecafé filosofiecafe filosofie",
    "quiz pubquiz quizavond buurtquiz",
    # Sport
    "voetbalclub voetbalclubs voetbalvereniging voetbalteam voetbalteams "
    "voetbaltraining zaalvoetbal futsal voetbalschool",
    "vechtsport vechtsporten boksen bokstraining boksschool kickboksen judo karate taekwondo "
    "zelfverdediging",
    "tennis tennisbaan tennisbanen tennisclub padel padelbaan padelbanen",
    "boulderen boulderhal klimwand klimhal klimmuur",
    "gamen gaming gameclub gamemiddag esports playstation",
    # Food
    "kookles kooklessen kookworkshop kookworkshops kookcursus kookcursussen receptenboek",
    "maaltijdservice maaltijdbezorging maaltijdvoorziening tafeltjedekje",
    "bakclub bakwedstrijd bakworkshop bakles baklessen taartenwedstrijd",
    "voedingscoach voedingsadvies voedingsvoorlichting diëtist dietist",
    # Faith and festivities
    "geloof religie religies religieus religieuze interreligieus interreligieuze "
    "levensbeschouwing levensbeschouwelijk gebed gebedsdienst kerkdienst bijbelstudie koranles "
    "koranlessen",
    "koningsdag oranjevereniging oranjecomité oranjecomite oranjefeest koningsspelen koningsnacht",
    "herdenking herdenkingen dodenherdenking bevrijdingsdag bevrijdingsfestival "
    "struikelstenen stolpersteine oorlogsmonument",
    "carnaval carnavalsvereniging carnavalsoptocht optocht optochten",
    "sintmaarten lampionnen lampionoptocht lampion",
    "halloween halloweentocht spooktocht griezeltocht",
    "nieuwjaarsreceptie nieuwjaarsborrel nieuwjaarsbijeenkomst nieuwjaarsduik oliebollen "
    "oudejaarsavond",
    "paasontbijt paaseieren eierenzoeken paasfeest paasviering paasbrunch paashaas",
    # Living together: bullying, screens, homelessness, addiction, pride, discrimination
    "pesten gepest pestgedrag pestproject cyberpesten",
    "mediawijsheid mediawijs schermtijd gameverslaving",
    "dakloosheid daklozen dakloos dakloze thuislozen daklozenopvang nachtopvang straatkrant",
    "verslaving verslaafd verslaafden verslavingszorg gokverslaving alcoholverslaving",
    "lhbti lhbtiq lhbt lgbt lgbtq pride regenboogvlag regenboogzebrapad queer",
    "discriminatie discrimineren racisme racistisch racistische vooroordelen",
    "ketikoti slavernijverleden slavernijherdenking",
    "diwali divali holi phagwa",
    "pumptrack pumptracks bmx bmxbaan crossbaan fietscrossbaan fietscross mountainbikeroute",
    "volleybal beachvolleybal volleybalveld volleybalnet",
    "modelbouw modelspoor modeltreinen modelbouwclub",
    # Markets and welcome
    "buurtmarkt weekmarkt boerenmarkt avondmarkt kerstmarkt streekmarkt marktkraam "
    "marktkramen zomermarkt nachtmarkt foodmarkt marktdag",
    "welkomstpakket welkomstpakketten welkomsttas welkomstbezoek welkomstcomité "
    "welkomstcomite kennismakingsborrel welkomstmap",
    # Volunteering (vrijwilligers says who; this is finding and keeping them)
    "vrijwilligersvacature vrijwilligersvacatures vrijwilligerscentrale vrijwilligerspunt "
    "vrijwilligersbank vacaturebank vrijwilligersbeurs vrijwilligersmarkt nldoet "
    "maatschappelijkestage maatschappelijkediensttijd",
]

# More words for subjects.py's groups (by their first word).
EXTRA: dict[str, str] = {
    "kinderclub": "kinderwerk kindermiddagen kinderprogramma tienerclub",
    "speelgoedbank": "speelgoed speelgoedactie speelgoedbeurs speelgoedmarkt",
    "kleding": "kinderkleding winterjassen winterjas schoolkleding",
    "zomervakantie": "kindervakantieweek kindervakantiewerk kvw vakantieclub zomerschool "
    "zomerprogramma",
    "knutselen": "kinderatelier knutselcafé knutselcafe",
    "koffieochtend": "soos",
    "eenzaamheid": "eenzaamheidsbestrijding",
    "belcirkel": "belronde telefoonronde belservice zilverenlijn",
    "mantelzorg": "respijthuis logeerzorg logeerhuis mantelzorgpunt mantelzorgmakelaar",
    "dagbesteding": "zorgboerderij zorgboerderijen",
    "digicafé": "internetbankieren onlinebankieren smartphonehulp telefooncafé "
    "telefooncafe tabletles smartphoneles mijnoverheid",
    "schuldhulp": "armoedebestrijding geldstress geldnood geldgebrek rondkomen "
    "brievenhulp brievenspreekuur administratiehulp sociaalraadslieden "
    "raadslieden belastingaangifte invulhulp",
    "voedselbank": "uitgiftepunt voedselbon voedselbonnen boodschappenbon boodschappenbonnen "
    "voedseltas voedseltassen",
    "voedselverspilling": "restjes kliekjes kliekjesavond houdbaarheidsdatum voedseloverschot",
    "taalcafé": "nt2 taalvaardigheid taaltafel taalwandeling woordenschat taalachterstand "
    "analfabeet analfabeten alfabetisering",
    "huiswerkbegeleiding": "studiecoach studiemaatje schoolmaatje huiswerkbuddy wiskunde "
    "bijlesdocent studiehulp leerachterstand leerachterstanden onderwijsachterstand",
    "werkervaring": "leerwerktraject werkleertraject participatiebaan participatiebanen "
    "proefplaatsing werkervaringsplek werkervaringsplaats",
    "buurtmaaltijd": "wijkmaaltijd etentje etentjes buurtontbijt buurtbrunch wereldkeuken "
    "wereldgerechten",
    "buurtfeest": "feestcommissie straatfeestcommissie",
    "concert": "muziektent kiosk concertje zomerconcert parkconcert tuinconcert muziekfestival",
    "jamsessie": "gitaarles gitaarlessen pianoles pianolessen drumles drumlessen "
    "muziekinstrumenten instrumentenbank muziekschool popband hiphop rappen rapper rappers "
    "deejay muziekproductie talentenjacht talentenshow openmic",
    "toneel": "toneelles toneellessen theaterles theaterlessen theaterworkshop dramales "
    "dramaclub openluchttheater muziektheater comedy",
    "dansen": "zumba salsa breakdance streetdance linedance linedancen volksdansen "
    "stijldansen ballet balletles dansschool disco discoavond silentdisco",
    "spelletjesmiddag": "kaartclub kaartmiddag kaartavond bridge bridgeclub jokeren toepen "
    "damclub mahjong scrabble",
    "schaken": "schaakbord schaakborden schakers schaaktoernooi",
    "buurtgeschiedenis": "verhalenproject genealogie stamboom stamboomonderzoek heemkunde "
    "heemkundekring oudheidkundige",
    "bibliotheek": "bibliothecaris leeszaal bibliobus bibliotheekpunt bibliotheekvestiging",
    "zwemles": "zwemabc zwemonderwijs",
    "beweegtuin": "sportschool sportscholen crossfit",
    "seniorengym": "mbvo stoelbewegen ouderenfitness ouderensport seniorensport",
    "jeudeboules": "koersbal boccia",
    "yoga": "mindfulness meditatie meditatiegroep meditatieles kinderyoga yogales yogalessen",
    "kerstdiner": "kerstbrunch kerstontbijt",
    "sinterklaas": "intocht pepernoten schoencadeautjes",
    "oudercafé": "vadergroep vaderscafé vaderscafe papacafé papacafe moedergroep mamacafé mamacafe",
    "jongerenwerk": "meidenwerk meidenclub meidengroep jongenswerk jongensgroep",
    "schrijfclub": "stadsdichter dorpsdichter poëzieavond poetryslam spokenword",
    "dementie": "geheugentraining hersentraining breintraining",
    "hardlopen": "stratenloop avondloop sponsorloop funrun hardloopwedstrijd loopevenement",
    "wandelgroep": "buurtwandeling rollatorwandeling rollatorloop",
    "rouwgroep": "rouw rouwbegeleiding nabestaanden weduwen weduwnaars",
    "fotografie": "fotograferen fotocursus fotowedstrijd",
    "leesclub": "boekbespreking leesavond",
    "skatebaan": "skateboarders skatebord skateles skatelessen",
    "ijsbaan": "schaatsles schaatslessen natuurijs ijsclub",
    "pingpongtafel": "tafeltennisclub tafeltennissen",
    "iftar": "iftarmaaltijd eid bayram",
    "voorlezen": "voorleesvrijwilliger voorleesvrijwilligers prentenboek prentenboeken "
    "voorleesdagen boekstart",
    "sportdag": "sportweek sporttoernooi buurttoernooi sportevenement",
    "boodschappendienst": "boodschappenbezorging boodschappenronde",
}
