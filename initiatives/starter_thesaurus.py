"""The thesaurus the platform starts with: initiative vocabulary that residents write in
different words for the same thing, one group a line. Loaded by migration 0020 and by
synonym_groups_starter_load (tests, a fresh database); brokers change it in the admin.

Words are matched by their Dutch stem: a word whose stem another common word shares
("ouderen" and "ouders" are both "ouder") would join unrelated texts, so such words stay
out (write "senioren")."""

STARTER = [
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

# Starter groups taken back (by their first word): they name how or where help is given
# ("maatje": a buddy for anything from money to loneliness) or a thing ideas mention in
# passing ("bankjes" beside a dog field), not what an idea is about, and alone they
# joined unrelated ideas. Deactivated unless a broker changed them (migration 0033).
WITHDRAWN = ["maatje", "bankje"]


# Starter groups (by their first word) that say who or where an idea is for, not what it
# is about (SynonymGroup.setting): matching weighs them as one word (migration 0034).
SETTING = [
    "jongeren",
    "senioren",
    "nieuwkomers",
    "peuters",
    "buurthuis",
    "vrijwilligers",
    "vrouwengroep",
]


def _has_reason(SynonymGroupChange) -> bool:
    # From migration 0038 on, a change a migration made is in the history with its reason;
    # older migrations run the sync without the field.
    return any(f.name == "reason" for f in SynonymGroupChange._meta.get_fields())


def _edited_by_brokers(SynonymGroupChange) -> set[int]:
    """The groups a broker changed: a change with a reason was a migration's."""
    changes = SynonymGroupChange.objects.all()
    if _has_reason(SynonymGroupChange):
        changes = changes.filter(reason="")
    return set(changes.values_list("group_id", flat=True))


def _history(SynonymGroupChange, group, before: list[str], reason: str) -> None:
    if _has_reason(SynonymGroupChange):
        SynonymGroupChange.objects.create(
            group=group,
            words_before=before,
            words_after=group.words,
            active_after=group.active,
            setting_after=getattr(group, "setting", False),
            reason=reason[:200],
        )


def starter_groups_sync(apps, schema_editor, *, reason: str) -> int:
    """Bring an installed database up to STARTER, for the migrations that extend it:
    new groups are added, starter groups no broker has changed take the starter's words,
    a group a broker edited stays as the broker left it, an unedited starter group
    taken back (WITHDRAWN) is deactivated and one saying who or where (SETTING) marked.
    Each change is in the group's history with `reason` (from migration 0038 on); when
    anything changed, the cases get their new index words from the background rebuild
    (DocumentRebuild, with `reason` in the admin). Historical models only
    (`apps`): safe inside a migration. Returns the number of groups added or changed."""
    SynonymGroup = apps.get_model("initiatives", "SynonymGroup")
    SynonymGroupChange = apps.get_model("initiatives", "SynonymGroupChange")
    edited = _edited_by_brokers(SynonymGroupChange)

    def history(group, before):
        _history(SynonymGroupChange, group, before, reason)

    every = list(SynonymGroup.objects.all())
    groups = {group.words[0]: group for group in every if group.words}
    # Any word of any group: a starter line whose first word a broker moved to the end,
    # removed or put in another group is still there (by another of its words), and is
    # not added a second time.
    anywhere = {word for group in every for word in group.words}
    # The flag exists from migration 0034 on; older migrations run this without it.
    has_setting = any(f.name == "setting" for f in SynonymGroup._meta.get_fields())
    changed = 0
    with schema_editor.connection.cursor() as cursor:

        def stems(words):
            cursor.execute(
                "SELECT array_agg(DISTINCT s ORDER BY s) FROM unnest(%s::text[]) w,"
                " unnest(tsvector_to_array(to_tsvector('dutch', w))) s",
                [words],
            )
            return cursor.fetchone()[0] or []

        for line in STARTER:
            words = line.split()
            group = groups.get(words[0])
            if group is None and anywhere.intersection(words):
                continue  # edited by a broker beyond recognition by its first word: theirs
            if group is None:
                flag = {"setting": words[0] in SETTING} if has_setting else {}
                created = SynonymGroup.objects.create(
                    words=words, stems=stems(words), note="startset", **flag
                )
                history(created, [])
                changed += 1
            elif group.note == "startset" and group.pk not in edited and group.words != words:
                before = list(group.words)
                group.words = words
                group.stems = stems(words)
                group.save(update_fields=["words", "stems"])
                history(group, before)
                changed += 1
    if has_setting:
        for first in SETTING:
            group = groups.get(first)
            if group and group.note == "startset" and group.pk not in edited and not group.setting:
                group.setting = True
                group.save(update_fields=["setting"])
                history(group, list(group.words))
                changed += 1
    for first in WITHDRAWN:
        group = groups.get(first)
        if group and group.note == "startset" and group.pk not in edited and group.active:
            group.active = False
            group.save(update_fields=["active"])
            history(group, list(group.words))
            changed += 1
    total = apps.get_model("initiatives", "Initiative").objects.count()
    if changed and total:
        apps.get_model("initiatives", "DocumentRebuild").objects.create(reason=reason, total=total)
    return changed
