"""The starter thesaurus's first groups (migrations 0020 to 0038), by subject; one group a
line, its first word its name."""

SUBJECTS = [
    # Clean streets
    "zwerfafval zwerfvuil prikactie opruimactie schoonmaakactie schoonmaakdag opruimdag "
    "cleanup plogging afvalprikker afvalprikkers zwerfafvalactie prikstok prikstokken grijper "
    "grijpers grijptang afvalzakken vuilniszakken peuken sigarettenpeuken",
    # Young people and their places
    "jeugdhonk jongerencentrum jongerenplek hangplek tienerhonk jongerenruimte jongerenhonk "
    "chillplek chillplekken hangplekken jongerenontmoetingsplek jongerencafé jongerencafe "
    "jongerenlounge chillruimte tienercentrum jongerenhuis",
    "jongeren tieners pubers jeugd tienerjongens tienermeiden jeugdigen adolescenten",
    "trapveld trapveldje voetbalveldje pannakooi voetbalkooi voetbalveld straatvoetbal "
    "cruyffcourt cruijffcourt panna",
    "speeltuin speelplek speelplaats speeltoestellen speeltoestel speeltuintje "
    "natuurspeelplaats speelbos speeltuinen speelplekken speelplaatsen speelveld speelveldje "
    "speelruimte speelpleintje",
    "schommel schommels glijbaan klimrek wipkip zandbak duikelrek kabelbaan draaimolen "
    "trampoline klimtoestel glijbanen klimrekken nestschommel klimtoren tuimelrek speelhuisje",
    "speelstraat buitenspeeldag buitenspelen straatspeeldag",
    # Getting around
    "autodelen deelauto deelautos buurtauto autodeelproject",
    "fietsles fietslessen fietscursus fietsschool fietsmaatje",
    "klaarover klaarovers verkeersbrigadier verkeersbrigadiers oversteekhulp "
    "oversteekplaats oversteekplaatsen zebrapad zebrapaden schoolzone schoolroute oversteken",
    "verkeersveiligheid hardrijders snelheidsduivels hardrijden racen maximumsnelheid "
    "snelheidsremmer snelheidsremmers verkeersdrempel verkeersdrempels flitspaal flitspalen "
    "snelheidsdisplay verkeersremmers wegversmalling wegversmallingen snelheid "
    "snelheidsbord snelheidsborden snelheidsmeter wegdrempel wegdrempels verkeersplateau "
    "snelheidscontrole snelheidscontroles flitser zone30 snelheidsovertredingen scheurders",
    # Older people, care, loneliness
    "senioren bejaarden plussers oudjes zestigplussers zeventigplussers tachtigplussers "
    "gepensioneerden hoogbejaarden vijftigplussers vijfenzestigplussers",
    "eenzaamheid eenzaam isolement vereenzaming vereenzaamd bezoekdienst bezoekvrijwilliger "
    "bezoekvrijwilligers huisbezoeken",
    "belcirkel telefoonketen telefooncirkel belmaatje telefoonmaatje belrondje",
    "mantelzorg mantelzorgers mantelzorger respijtzorg mantelzorgondersteuning "
    "mantelzorgcafé mantelzorgcafe respijt zorgtaken mantelzorgwoning mantelzorgwaardering",
    "dementie geheugenproblemen alzheimer dementerend dementerende alzheimercafé "
    "alzheimercafe geheugenverlies vergeetachtig vergeetachtigheid geheugencafé geheugencafe "
    "dementievriendelijk dementievriendelijke",
    "klusjesdienst klussendienst klusteam klusjesman klushulp klusjes klussen klusser "
    "klussers klusbus handyman",
    "digicafé digicafe computerhulp computerspreekuur digitaalcafé computercursus "
    "tabletcursus smartphonecursus computerles computerlessen internetcursus appcursus "
    "seniorweb digihulp digid digivaardig digivaardigheid computervaardigheden",
    # Meeting and eating
    "buurthuis wijkcentrum buurtcentrum wijkgebouw ontmoetingscentrum buurtkamer "
    "buurthuiskamer wijkhuis dorpshuis ontmoetingsplek ontmoetingsruimte ontmoetingsplaats "
    "gemeenschapshuis",
    "buurtfeest straatfeest buurtbarbecue burendag barbecue bbq buurtborrel zomerfeest "
    "feest feestje wijkfeest dorpsfeest buurtfeestje straatfeestje buurtpicknick picknick "
    "buurtfestival wijkfestival festival festivals festijn springkussen springkussens "
    "foodtruck foodtrucks kermis buurtkermis braderie straatbarbecue",
    "koffieochtend inloopochtend koffiemiddag inloop inloopmiddag gezelligheidsmiddag "
    "soosmiddag bakkie koffieuurtje koffiemoment inloopuur koffietafel theemiddag koffiehoek",
    "buurtmaaltijd eettafel buurtdiner samenkoken aanschuiftafel kookclub buurtkeuken "
    "maaltijd maaltijden eetclub eetgroep kookgroep buurtrestaurant wijkrestaurant "
    "aanschuiven meeeten soepmiddag kookavond kookavonden buurtlunch",
    "voedselbank voedselhulp voedselpakket voedselpakketten voedseluitdeling voedselinzameling",
    "boodschappendienst boodschappenhulp boodschappenservice boodschappenmaatje",
    # Money and paperwork
    "schuldhulp schulden geldzorgen geldproblemen schuldhulpmaatje budgetcoach "
    "huishoudboekje thuisadministratie formulierenbrigade formulierenhulp "
    "schuldhulpverlening schuldsanering betalingsachterstanden armoede minima papierwinkel "
    "papierwerk formulieren belastingdienst toeslagen kwijtschelding betalingsregeling "
    "deurwaarder aanmaningen incasso incassobureau betalingsachterstand huurachterstand "
    "geldzaken budgetteren budgetbeheer geldcoach",
    "rommelmarkt vlooienmarkt kleedjesmarkt garagesale vrijmarkt kofferbakmarkt "
    "kofferbakverkoop snuffelmarkt",
    # Language, learning
    "taalcafé taalcafe taalmaatje taalmaatjes taalles taallessen taalcursus "
    "taalvrijwilliger taalcoach taalcoaches taalhulp taalgroep taalklas taalhuis taalpunt "
    "taal praatgroep praatgroepen conversatiegroep laaggeletterdheid laaggeletterden "
    "laaggeletterd taalniveau spreekvaardigheid conversatie conversatieles",
    "nieuwkomers statushouders vluchtelingen inburgeraars inburgering inburgeren asielzoekers",
    "huiswerkbegeleiding huiswerkklas huiswerkhulp bijles bijlessen schoolwerk "
    "studiebegeleiding bijspijkeren leerhulp rekenles rekenlessen rekenhulp huiswerk "
    "huiswerkcafé huiswerkcafe huiswerkbegeleider examentraining eindexamen citotoets",
    "minibieb buurtbieb ruilkast boekenkast boekenruil boekenkastje boekenruilkast "
    "minibibliotheek leesvoer library ruilbibliotheek",
    "bibliotheek bieb",
    # Green, water, animals
    "moestuin groentetuin buurttuin volkstuin schooltuin moestuintje moestuinen "
    "moestuinbakken tuinieren stadstuin stadslandbouw samentuin pluktuin groenten groentes "
    "kweken zaaien oogsten kruidentuin kruidentuintje groentebakken tuinders tuinder",
    "fruitbomen voedselbos fruitboomgaard",
    "geveltuin geveltuintjes tegeltuin stoeptuin tegelwippen geveltuinen onttegelen "
    "gevelgroen ontstenen klimplanten klimplant stokrozen gevelplanten",
    "vergroening boomplantdag bomenplant boomfeestdag minibos minibossen tinyforest "
    "vergroenen straatbomen "
    "laanbomen stadsbomen bomenrij",
    "bloemenweide bloemenstrook vlinderstrook bijenweide bloemenzaad maaibeheer bermbeheer",
    "insectenhotel bijenhotel bijenhotels insectenhotels",
    "regenton regentonnen hemelwater regenwater afkoppelen wadi wadis waterberging regentuin "
    "regentuinen wateroverlast",
    "hondenuitlaatplek hondenuitlaatveld losloopgebied hondenweide hondenspeelweide "
    "hondenveld uitrenplek uitrenveld uitlaatplek uitlaatveld hondenlosloopgebied "
    "hondenveldje hondenpark losloopveld losloopplek losloopweide hondenspeelplaats "
    "hondenbaasjes viervoeters",
    "kinderboerderij dierenweide",
    "bijen hommels vlinders insecten bestuivers bijenvriendelijk bijenvriendelijke "
    "insectvriendelijk vlinderstruik vlinderstruiken imker imkers bijenkast bijenkasten",
    "hek hekwerk omheining omheind afrastering",
    # Energy and things
    "zonnepanelen zonnedak zonnedaken zonnepaneel zonnestroom zonnecollector "
    "zonnecollectoren zonneweide "
    "energiecoöperatie energiecooperatie buurtenergie",
    "energiebesparing energiecoach energiecoaches energieadvies energiearmoede stookkosten "
    "isolatie isoleren energierekening energielabel energiezuinig tochtstrips tochtstrip "
    "radiatorfolie kierdichting warmtescan warmtecamera gasrekening gasverbruik "
    "energieverbruik ledlampen ledlamp spaarlampen thermostaat douchekop energieloket "
    "voorzetramen voorzetraam isolatiemateriaal energieklussen energiebox energiefixers",
    "repaircafé repaircafe reparatiecafé reparatiecafe repareren reparatie reparaties "
    "reparateur reparateurs fixen",
    "uitleenpunt deelkast deelschuur leenkast spullenbieb gereedschapsbank buurtschuur "
    "uitlenen lenen gereedschap boormachine boormachines gereedschapskist leenplatform peerby",
    "grofvuil dumpen gedumpt dumping afvaldumping storten bijplaatsing bijplaatsingen",
    "kledingruil ruilbeurs weggeefwinkel kledingbank kledingruilbeurs kledingswap swap "
    "swapparty weggeefkast weggeefhoek weggeefplek spullenruil ruilmarkt tweedehands "
    "kringloop kringloopwinkel",
    "kleding kleren kleertjes kledingstukken",
    "computer laptop tablet smartphone mobieltje smartphones tablets ipad ipads laptops computers",
    # Sport and culture
    "beweegtuin buitenfitness buitengym bootcamp beweegclub fitnesstoestellen "
    "beweegtoestellen calisthenics fitness fitnessen workout krachttraining "
    "conditietraining",
    "wandelgroep wandelclub wandelmaatje wandelmaatjes beweegmaatje wandelen ommetje "
    "ommetjes wandelroute wandelroutes wandeltocht nordicwalking wandelvierdaagse avondvierdaagse",
    "valpreventie valtraining evenwichtstraining",
    "evenwicht balans",
    "koor zangkoor buurtkoor zanggroep meezingen zingen zangers samenzang zangavond "
    "shantykoor popkoor gospelkoor kinderkoor smartlappenkoor smartlappen "
    "zangles koorrepetitie",
    "jamsessie jamsessies podium muzikanten muzikant oefenruimte oefenruimtes repetitieruimte "
    "muziekles muzieklessen muziekstudio",
    "muurschildering graffiti streetart mural murals muurkunst wandschildering wandkunst "
    "graffitimuur graffitikunstenaar graffitiworkshop",
    # Safety, helpers
    "buurtpreventie buurtwacht buurtwachters appgroep whatsappgroep inbraakpreventie "
    "buurtapp avondronde avondrondes surveillance wijkwacht wijkpreventie preventieteam "
    "buurtwhatsapp wijkapp buurtvaders buurtvader buurtouders buurtmoeders straatcoaches "
    "straatcoach",
    "inbraak inbraken inbreker inbrekers woninginbraak",
    "vrijwilligers vrijwilliger",
    # Care, older people and neighbours
    "dagbesteding dagopvang dagactiviteiten",
    "burenhulp burenhulpdienst noaberschap naoberschap burennetwerk",
    "buurtbemiddeling burenruzie burenruzies burenconflict burenconflicten burenoverlast",
    # Work and money
    "sollicitatie sollicitaties solliciteren sollicitatiebrief sollicitatiegesprek "
    "sollicitatietraining werkzoekend werkzoekenden werkloos werklozen werkloosheid "
    "motivatiebrief banencafé banencafe jobcoach werkcoach linkedin banenmarkt baanzoekers "
    "werkzoekers",
    "werkervaring leerwerkplek leerwerkplaats stage stageplek stageplaats werkstage snuffelstage",
    # Culture and pastimes
    "concert concerten huiskamerconcert buurtconcert muziekavond openluchtconcert",
    "toneel toneelgroep toneelclub theater theatervoorstelling toneelstuk musical "
    "amateurtoneel theatergroep straattheater poppenkast poppentheater cabaret kindertheater "
    "improvisatietheater",
    "filmavond filmavonden buitenbioscoop openluchtbioscoop filmhuis bioscoop "
    "film films filmvertoning filmmiddag filmclub filmvoorstelling documentaire",
    "kunstroute atelierroute kunstmarkt expositie tentoonstelling exposities kunstenaars "
    "kunstenaar atelier ateliers",
    "voorlezen voorleesochtend voorleesuur voorleesproject voorleesexpress",
    "dansen dansles danslessen dansgroep dansclub dansavond",
    "breien breiclub breicafé breicafe haakclub handwerkclub handwerken naaicafé naaicafe "
    "naaiatelier naaien borduren quilten patchwork "
    "naaimachine naaimachines verstellen kleermaker",
    "spelletjesmiddag spelletjesavond spelletjes bordspel bordspellen klaverjassen "
    "klaverjasclub sjoelen bingo rummikub",
    "schaken schaakclub schaakles",
    # Children and young people
    "jongerenwerk jongerenwerker jongerenwerkers jeugdwerk jeugdwerker jeugdwerkers tienerwerk",
    "peuters kleuters dreumesen peuterspeelzaal",
    # Waste, green, water, animals
    "afvalbak afvalbakken prullenbak prullenbakken vuilnisbak vuilnisbakken afvalcontainer",
    "afvalscheiding recycling recyclen statiegeld plasticafval papierbak glasbak pmd "
    "afvalinzameling",
    "composteren compost composthoop buurtcompost wormenhotel gft gftafval gftbak tuinafval "
    "etensresten",
    "groendak groendaken sedumdak sedumdaken daktuin daktuinen",
    "zelfbeheer groenadoptie adoptiegroen boomspiegel boomspiegels "
    "groenonderhoud plantsoen plantsoenen plantsoentje snoeien snoeiwerk maaien grasmaaien "
    "wieden onkruid schoffelen tuinonderhoud perkje perkjes groenstrook groenstroken "
    "bladruimen heg heggen",
    "straatverlichting lantaarnpaal lantaarnpalen straatlantaarn straatlantaarns straatlampen "
    "straatlamp lantarenpaal lantarenpalen lichtmast lichtmasten",
    "hondenpoep hondenpoepbakken hondenstront poepzakjes",
    "nestkast nestkastjes nestkasten vogelhuisje vogelhuisjes gierzwaluw gierzwaluwen "
    "vogelvoer voederhuisje huismus huismussen mussen zwaluwen vleermuizen vleermuiskast "
    "vleermuiskasten",
    # Sport
    "hardlopen hardloopgroep hardloopclub joggen jogging startobaan "
    "hardloper hardlopers loopgroep loopclub hardlooptraining hardloopschema",
    "zwemles zwemlessen zwemdiploma schoolzwemmen "
    "zwemmen zwemclub zwemvaardig zwemvaardigheid diplomazwemmen",
    "yoga stoelyoga taichi qigong pilates",
    "jeudeboules petanque boules jeudeboulesbaan",
    # Housing
    "woongroep woongemeenschap knarrenhof cohousing wooncoöperatie wooncooperatie",
    # Subjects residents propose that had no group yet (migration 0037): sports courts, shared
    # bikes, bike repair, parking, food waste, heat, ponds, heat pumps, gym for older people,
    # walking football, benches, holiday weeks, crafts for children, wheelchairs, sports days,
    # neighbourhood papers, transport for older people, bike racks, charging points, women's
    # groups (who: SETTING), photography, writing, reading clubs, local history
    "basketbalveld basketbalveldje basketbalpaal basketbalpalen basketbalring basketbalkooi "
    "streetbasketbal basketballen",
    "deelfiets deelfietsen deelscooter deelscooters deelbakfiets deelmobiliteit bakfiets "
    "bakfietsen",
    "fietsreparatie fietsenwerkplaats fietswerkplaats fietsrepaircafé fietsrepaircafe",
    "parkeerplaatsen parkeerplek parkeerplekken parkeeroverlast parkeerdruk "
    "parkeerproblemen foutparkeerders foutparkeren parkeerterrein parkeervergunning",
    "voedselverspilling verspilling voedseloverschotten buurtkoelkast deelkoelkast foodsharing",
    "hittestress schaduw verkoeling koelte schaduwplek schaduwplekken hittegolf "
    "watertappunt watertappunten drinkwaterpunt",
    "vijver vijvers poel poelen kikkers waterkant oevers amfibieën",
    "aardgasvrij gasvrij warmtepomp warmtepompen warmtenet stadswarmte",
    "seniorengym ouderengym stoelgym gymclub gymles gymlessen gymmen seniorenfitness "
    "beweegles beweeglessen",
    "wandelvoetbal walkingfootball walkingfootbal",
    "zitbank zitbanken picknicktafel picknicktafels zitelement zitelementen",
    "zomervakantie vakantieactiviteiten zomerkamp zomerweek vakantieweek kinderkamp "
    "speelweek kinderspeelweek herfstvakantie",
    "knutselen knutselmiddag knutselclub knutselochtend knutselactiviteiten",
    "rolstoel rolstoelen rolstoelgebruikers rollator rollators scootmobiel scootmobielen "
    "rolstoeltoegankelijk invalidentoilet mindervaliden",
    "sportdag sportmiddag sportclinic sportclinics sportinstuif",
    "buurtkrant wijkkrant nieuwsbrief buurtblad wijkblad",
    "buurtbus automaatje vervoersdienst rijdienst plusbus belbus "
    "ouderenvervoer ziekenvervoer meerijden meerijdienst vervoerdienst taxibus",
    "fietsenstalling fietsenrekken fietsnietjes fietsenrek fietsparkeren buurtstalling",
    "laadpaal laadpalen laadpunt laadpunten",
    "vrouwengroep vrouwenclub vrouwencafé vrouwencafe vrouwenochtend vrouwenmiddag",
    "fotografie fotoclub fotowandeling fotoworkshop",
    "schrijfclub schrijfgroep schrijfworkshop schrijfcafé gedichten poëzie",
    "leesclub leesgroep boekenclub leeskring",
    "buurtgeschiedenis wijkgeschiedenis dorpsgeschiedenis erfgoed oudheidkamer "
    "geschiedenis historie historisch historische buurtmuseum wijkmuseum museum archief "
    "fotoarchief beeldbank monumenten",
    # Subjects added by migration 0038, written subject by subject from what residents
    # propose (first aid and AEDs, fire safety, skating, ice rinks, toy libraries, Sinterklaas,
    # Christmas dinners, maker spaces, hedgehogs, stray cats, bike tours and duo bikes,
    # children's clubs, parenting, Ramadan and Eid, neighbourhood chickens, table tennis,
    # grief groups)
    "reanimatie reanimeren reanimatiecursus reanimatietraining aed aeds defibrillator "
    "burgerhulpverlener burgerhulpverleners hartslagnu ehbo ehbocursus",
    "rookmelder rookmelders brandveiligheid brandveilig brandpreventie brandblusser blusdeken",
    "skatebaan skatepark skaten skateboard skateboarden skaters halfpipe",
    "ijsbaan schaatsbaan schaatsen ijsvereniging",
    "speelgoedbank speelgoedruil speelotheek speelgoedbibliotheek speelgoedinzameling",
    "sinterklaas sinterklaasfeest sintviering pakjesavond sinterklaasintocht",
    "kerstdiner kerstlunch kerstmaaltijd kerstviering kerstfeest kerstborrel",
    "maakplaats fablab makerspace buurtwerkplaats houtwerkplaats timmerwerkplaats",
    "egels egel egelhuisje egelhuisjes egelsnelweg egelvriendelijk",
    "zwerfkatten zwerfkat kattenopvang dierenopvang dierenasiel",
    "fietstocht fietstochten fietsclub toerfietsen duofiets duofietsen riksja",
    "kinderclub kindermiddag kinderactiviteiten kinderdisco kinderochtend",
    "oudercafé oudercafe opvoedcafé opvoedcafe opvoeding opvoedingsondersteuning opvoedvragen "
    "ouderschap babycafé babycafe",
    "iftar suikerfeest ramadan offerfeest",
    "buurtkippen kippenhok kippen",
    "pingpongtafel tafeltennistafel tafeltennis pingpong",
    "rouwgroep rouwverwerking rouwcafé rouwcafe",
]
