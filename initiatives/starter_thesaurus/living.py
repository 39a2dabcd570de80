"""Starter groups about the living environment: public space, green, water, animals, waste, traffic,
parking, safety, housing, energy, heat and accessibility
(migration 0039). One group a line, its first word its name.

GROUPS are subjects that had no group; EXTRA widens a group of subjects.py (by its first word)
with more of the words residents use for it. Written subject by subject from neighbourhood life,
each word checked against the common Dutch words sharing its Snowball stem."""

GROUPS: list[str] = [
    # Public space and its furniture
    "bestrating herbestrating herbestraten losliggende scheefliggende struikelgevaar wegdek "
    "verzakking verzakkingen verzakt",
    "toiletvoorziening toiletvoorzieningen plaskrul plaskrullen urinoir urinoirs hogenood "
    "wildplassen wildplassers",
    "buurtschouw wijkschouw schouwronde buitenbeter fixi",
    # Green and trees, gardens
    "bomenkap boomkap kapvergunning kapvergunningen kapaanvraag gekapt",
    "droogte verdroging verdroogd boomzak boomzakken waterzak waterzakken",
    "balkontuin balkontuinen balkonplanten balkonbakken balkonmoestuin",
    "plantenruil stekjesruil stekjesmarkt plantenruilbeurs zadenbank zadenbibliotheek "
    "zadenbieb zadenruil",
    # Water
    "zwemplek zwemplekken zwemsteiger buitenzwemmen openwaterzwemmen wildzwemmen zwemwater "
    "stadsstrand stadsstrandje",
    "kano kanoën kanoen kanovaren suppen supboard supboards roeiboot roeiboten waterfiets "
    "waterfietsen watersport",
    "waterkwaliteit blauwalg botulisme vissterfte kroos",
    "waterspeelplaats waterspeeltuin waterspeelplek",
    "hengelen hengelsport hengelaars sportvissers visvereniging viswedstrijd visstek",
    # Animals
    "ongedierte plaagdieren ratten rattenplaag rattenoverlast muizenplaag ongediertebestrijding "
    "kakkerlakken bedwantsen duivenoverlast meeuwenoverlast wespennest muggenplaag ganzenoverlast",
    "processierups processierupsen eikenprocessierups",
    "paddentrek paddenoverzet paddenoverzetten paddenscherm",
    "dierenambulance wildopvang vogelopvang egelopvang",
    "dierenoppas huisdierenoppas uitlaatservice uitlaatdienst hondenoppas kattenoppas "
    "dierenvoedselbank",
    "hondentraining hondenschool puppycursus hondencursus gehoorzaamheidstraining",
    "aanlijnplicht aanlijngebod aanlijnen hondenoverlast hondenbeleid",
    # Traffic, air and getting around
    "autoluw autoluwe autovrij autovrije sluipverkeer sluiproute sluiproutes verkeersknip "
    "vrachtverkeer",
    "luchtkwaliteit luchtvervuiling fijnstof uitlaatgassen luchtmeter snuffelfiets",
    "houtstook houtrook houtkachel houtkachels stookoverlast stookalert",
    "fietsstraat fietsstraten fietsstrook fietsstroken fietsoversteek",
    "fietswrakken fietswrak weesfietsen",
    "fietsendiefstal fietsdiefstal fietsendieven kettingslot fietsslot",
    "buslijn buslijnen busverbinding busverbindingen tramlijn metrolijn dienstregeling "
    "wachthuisje wachthuisjes abri",
    "reistraining ovtraining ovmaatje ovmaatjes reismaatje ovchipkaart",
    "lift liften liftstoring liftstoringen liftonderhoud liftkooi elevator traplift trapliften",
    "fietsverlichting fietslampjes fietslampje fietslicht fietslichten",
    # Safety and nuisance
    "oplichting oplichters babbeltruc babbeltrucs phishing nepagent nepagenten whatsappfraude",
    "geluidsoverlast lawaai herrie geluidshinder burenlawaai verkeerslawaai vliegtuiglawaai "
    "bladblazer bladblazers",
    "scooteroverlast brommeroverlast brommers brommer snorfiets snorfietsen fatbike fatbikes",
    "drugsoverlast drugsdealers dealers drugshandel lachgas lachgaspatronen blowen drugsgebruik "
    "hennepkwekerij wietplantage ondermijning",
    "straatintimidatie intimidatie nafluiten",
    "vandalisme vandalen vernielingen vernieling vernield vernielen bekladding",
    "vuurwerkoverlast vuurwerkvrij vuurwerkverbod knalvuurwerk carbidschieten",
    "kerstverlichting feestverlichting kerstlichtjes lichtjesroute",
    "gladheid strooizout sneeuwruimen sneeuwschuiven sneeuwschuiver",
    "lichtvervuiling lichthinder lichtoverlast sterrenhemel",
    # Housing and the building
    "huurdersvereniging huurdersverenigingen bewonerscommissie bewonerscommissies "
    "huurderscommissie huurdersbelang huurdersorganisatie huurteam huurcommissie servicekosten "
    "huurverhoging huurverhogingen",
    "schimmel schimmels vochtproblemen vochtig vochtplekken lekkage lekkages",
    "woningnood woningtekort starterswoningen starterswoning tinyhouse tinyhouses wooncrisis "
    "woningzoekenden woningruil",
    "sloop sloopplannen sloopwoningen herstructurering",
    "bouwoverlast bouwput bouwwerkzaamheden heien",
    "seniorenwoningen seniorenwoning ouderenwoningen levensloopbestendig levensloopbestendige "
    "nultredenwoning nultredenwoningen",
    # Energy
    "windmolens windmolen windturbine windturbines windpark windenergie",
    # Empty shops (markets: people.py's buurtmarkt)
    "leegstand leegstaand leegstaande winkelleegstand antikraak popupstore popupwinkel "
    "winkelaanbod",
]

# Words for subjects that already have a group in subjects.py, by that group's first word:
# starter_thesaurus merges them into its line.
EXTRA: dict[str, str] = {
    "zitbank": "zitgelegenheid zitplekken rustbank rustbankje rustpunt rustpunten parkbank "
    "parkbanken",
    "geveltuin": "steenbreek tegeltaxi tegelwipkampioenschap gevelbeplanting verstening "
    "ontharden ontharding",
    "vergroening": "groener groenere vergroend boomplantactie bomenplantactie aanplant "
    "aanplanten herplant stadsbos buurtbos",
    "hittestress": "hitteplan koelteplek koelteplekken airco ventilator ventilatoren "
    "zonwering zonnescherm zonneschermen schaduwdoek schaduwdoeken",
    "regenton": "hoosbui hoosbuien wolkbreuk wolkbreuken overstroming overstromingen "
    "ondergelopen waterschade infiltratie regenpijp regenpijpen",
    "zwerfafval": "opschoondag cleanupday drijfvuil plasticvissen plasticsoep schoonmaakploeg "
    "opruimploeg peukenpaal",
    "afvalscheiding": "afvalcoach afvalcoaches inzamelpunt oudpapier papierinzameling "
    "textielinzameling textielcontainer kledingcontainer statiegeldflessen restafval "
    "afvalvrij zerowaste",
    "afvalbak": "kliko klikos minicontainer minicontainers rolcontainer",
    "grofvuil": "milieustraat afvalbrengstation grofvuilophaal",
    "verkeersveiligheid": "rijgedrag hardrijder snelheidsovertreding",
    "klaarover": "schoolstraat schoolstraten kissandride verkeerslicht verkeerslichten "
    "voetgangerslicht oversteektijd",
    "parkeerplaatsen": "parkeergarage parkeergarages parkeervak parkeervakken parkeerbeleid "
    "parkeertarief parkeertarieven parkeermeter parkeerautomaat parkeerkelder",
    "fietsenstalling": "fietsenkelder fietstrommel fietstrommels fietskluis fietskluizen "
    "fietshangar fietshangars fietsenhok fietsenhokken fietsparkeerplaats "
    "fietsparkeerplaatsen",
    "deelfiets": "cargoroo felyx",
    "autodelen": "carpoolen carpool samenrijden autodelers snappcar mywheels greenwheels",
    "laadpaal": "laadplek laadplekken laadstation laadstations oplaadpunt oplaadpunten",
    "rolstoel": "drempelvrij hellingbaan hellingbanen rolstoelvriendelijk geleidelijnen "
    "ribbeltegels invalidenparkeerplaats gehandicaptenparkeerplaats",
    "buurtpreventie": "cameratoezicht deurbelcamera beveiligingscamera",
    "inbraak": "insluiping insluipingen politiekeurmerk",
    "energiebesparing": "spouwmuurisolatie vloerisolatie dakisolatie isolatieglas dubbelglas "
    "energiespreekuur energieadviseur energiecafé energiecafe",
    "zonnepanelen": "balkonpanelen balkonpaneel stekkerpanelen zonneënergie postcoderoos",
    "nestkast": "mezenkast mezenkastjes voederplank voedertafel vetbollen pindasnoer "
    "koolmezen vogeltelling tuinvogeltelling",
    "vijver": "eendenvijver kikkerpoel visvijver",
    "kinderboerderij": "stadsboerderij stadsboerderijen",
    "hek": "schutting schuttingen",
    "moestuin": "permacultuur tuinpark",
    "egels": "egeltunnel egelpoort egelgat egeldoorgang",
    "hondenuitlaatplek": "hondenspeeltuin hondenspeeltuinen agilityveld",
    "klusjesdienst": "tuinhulp tuinklussen",
    "zelfbeheer": "bladkorf bladkorven bladafval",
    "hondenpoep": "hondendrollen drollen poepzakjesautomaat",
    "aardgasvrij": "inductiekoken inductiekookplaat warmtetransitie buurtwarmte wijkwarmte",
    "buurtbus": "regiotaxi valys doelgroepenvervoer",
    "fietsreparatie": "bandenplakken bandplakken fietsonderhoud",
}
