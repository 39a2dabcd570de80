"""The thesaurus the platform starts with: initiative vocabulary that residents write in
different words for the same thing, one group a line. Loaded by migration 0020 and by
synonym_groups_starter_load (tests, a fresh database); brokers change it in the admin.

Words are matched by their Dutch stem: a word whose stem another common word shares
("ouderen" and "ouders" are both "ouder") would join unrelated texts, so such words stay
out (write "senioren")."""

STARTER = [
    # Clean streets
    "zwerfafval zwerfvuil prikactie opruimactie schoonmaakactie schoonmaakdag opruimdag",
    # Young people and their places
    "jeugdhonk jongerencentrum jongerenplek hangplek tienerhonk jongerenruimte jongerenhonk "
    "chillplek chillplekken hangplekken jongerenontmoetingsplek",
    "jongeren tieners pubers jeugd tienerjongens tienermeiden",
    "trapveld trapveldje voetbalveldje pannakooi voetbalkooi",
    "speeltuin speelplek speelplaats speeltoestellen speeltoestel speeltuintje "
    "natuurspeelplaats speelbos",
    "schommel schommels glijbaan klimrek wipkip zandbak duikelrek",
    "speelstraat buitenspeeldag buitenspelen",
    # Getting around
    "autodelen deelauto deelautos buurtauto autodeelproject",
    "fietsles fietslessen fietscursus fietsschool fietsmaatje",
    "klaarover klaarovers verkeersbrigadier verkeersbrigadiers oversteekhulp",
    "verkeersveiligheid hardrijders snelheidsduivels hardrijden racen maximumsnelheid "
    "snelheidsremmer snelheidsremmers verkeersdrempel verkeersdrempels",
    # Older people, care, loneliness
    "senioren bejaarden plussers oudjes zestigplussers zeventigplussers tachtigplussers",
    "eenzaamheid eenzaam isolement",
    "belcirkel telefoonketen telefooncirkel belmaatje",
    "mantelzorg mantelzorgers mantelzorger respijtzorg",
    "dementie geheugenproblemen alzheimer",
    "klusjesdienst klussendienst klusteam klusjesman klushulp klusjes klussen",
    "digicafé digicafe computerhulp computerspreekuur digitaalcafé computercursus tabletcursus "
    "smartphonecursus",
    # Meeting and eating
    "buurthuis wijkcentrum buurtcentrum wijkgebouw ontmoetingscentrum",
    "buurtfeest straatfeest buurtbarbecue burendag barbecue bbq buurtborrel zomerfeest",
    "koffieochtend inloopochtend koffiemiddag inloop inloopmiddag gezelligheidsmiddag "
    "soosmiddag bakkie",
    "buurtmaaltijd eettafel buurtdiner samenkoken aanschuiftafel kookclub buurtkeuken maaltijd "
    "maaltijden",
    "voedselbank voedselhulp voedselpakket",
    "boodschappendienst boodschappenhulp boodschappenservice boodschappenmaatje",
    # Money and paperwork
    "schuldhulp schulden geldzorgen geldproblemen schuldhulpmaatje budgetcoach huishoudboekje "
    "thuisadministratie formulierenbrigade formulierenhulp",
    "rommelmarkt vlooienmarkt kleedjesmarkt garagesale vrijmarkt",
    # Language, learning
    "taalcafé taalcafe taalmaatje taalmaatjes taalles taallessen taalcursus taalvrijwilliger",
    "nieuwkomers statushouders vluchtelingen inburgeraars",
    "huiswerkbegeleiding huiswerkklas huiswerkhulp bijles bijlessen schoolwerk",
    "minibieb buurtbieb ruilkast boekenkast boekenruil boekenkastje boekenruilkast "
    "minibibliotheek leesvoer library",
    "bibliotheek bieb",
    # Green, water, animals
    "moestuin groentetuin buurttuin volkstuin schooltuin",
    "fruitbomen voedselbos pluktuin fruitboomgaard",
    "geveltuin geveltuintjes tegeltuin stoeptuin tegelwippen geveltuinen onttegelen gevelgroen",
    "vergroening boomplantdag bomenplant",
    "bloemenweide bloemenstrook vlinderstrook bijenweide",
    "insectenhotel bijenhotel bijenhotels insectenhotels",
    "regenton regentonnen hemelwater regenwater afkoppelen",
    "hondenuitlaatplek hondenuitlaatveld losloopgebied hondenweide hondenspeelweide hondenveld",
    "kinderboerderij dierenweide",
    "bijen hommels vlinders insecten bestuivers",
    "hek hekwerk omheining omheind afrastering",
    # Energy and things
    "zonnepanelen zonnedak zonnedaken",
    "energiebesparing energiecoach energiecoaches energieadvies energiearmoede stookkosten",
    "repaircafé repaircafe reparatiecafé reparatiecafe",
    "uitleenpunt deelkast deelschuur leenkast spullenbieb gereedschapsbank buurtschuur "
    "uitlenen lenen",
    "grofvuil dumpen gedumpt dumping afvaldumping storten bijplaatsing bijplaatsingen",
    "kledingruil ruilbeurs weggeefwinkel kledingbank kledingruilbeurs kledingswap swap swapparty",
    "kleding kleren kleertjes kledingstukken",
    "computer laptop tablet smartphone mobieltje smartphones tablets",
    # Sport and culture
    "beweegtuin buitenfitness buitengym bootcamp beweegclub fitnesstoestellen beweegtoestellen "
    "calisthenics",
    "wandelgroep wandelclub wandelmaatje wandelmaatjes beweegmaatje wandelen",
    "valpreventie valtraining evenwichtstraining",
    "evenwicht balans",
    "koor zangkoor buurtkoor zanggroep meezingen zingen zangers samenzang",
    "jamsessie jamsessies podium muzikanten muzikant",
    "muurschildering graffiti streetart mural murals muurkunst wandschildering",
    # Safety, helpers
    "buurtpreventie buurtwacht buurtwachters appgroep whatsappgroep inbraakpreventie buurtapp "
    "avondronde avondrondes surveillance",
    "inbraak inbraken inbreker inbrekers woninginbraak",
    "vrijwilligers vrijwilliger",
]


def starter_groups_sync(apps, schema_editor, *, reason: str) -> int:
    """Bring an installed database up to STARTER, for the migrations that extend it:
    new groups are added, starter groups no broker has changed take the starter's words,
    a group a broker edited stays as the broker left it. When anything changed, the
    cases get their new index words from the background rebuild (DocumentRebuild, with
    `reason` in the admin). Historical models only (`apps`): safe inside a migration.
    Returns the number of groups added or changed."""
    SynonymGroup = apps.get_model("initiatives", "SynonymGroup")
    SynonymGroupChange = apps.get_model("initiatives", "SynonymGroupChange")
    edited = set(SynonymGroupChange.objects.values_list("group_id", flat=True))
    groups = {group.words[0]: group for group in SynonymGroup.objects.all() if group.words}
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
            if group is None:
                SynonymGroup.objects.create(words=words, stems=stems(words), note="startset")
                changed += 1
            elif group.note == "startset" and group.pk not in edited and group.words != words:
                group.words = words
                group.stems = stems(words)
                group.save(update_fields=["words", "stems"])
                changed += 1
    total = apps.get_model("initiatives", "Initiative").objects.count()
    if changed and total:
        apps.get_model("initiatives", "DocumentRebuild").objects.create(reason=reason, total=total)
    return changed
