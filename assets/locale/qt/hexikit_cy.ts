<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../../ui/about.py" line="+45"/>
        <source>About Hexikit</source>
        <translation>Ynghylch Hexikit</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&lt;h2&gt;Hexikit&lt;/h2&gt;&lt;p&gt;Run a Hexithon offline, then sync to Hexitime.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Hexikit&lt;/h2&gt;&lt;p&gt;Cynnal Hexithon all-lein, yna cysoni â Hexitime.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Version:</source>
        <translation>Fersiwn:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Licence:</source>
        <translation>Trwydded:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Qt:</source>
        <translation>Qt:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PySide6:</source>
        <translation>PySide6:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Python:</source>
        <translation>Python:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Data folder:</source>
        <translation>Ffolder data:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open data folder</source>
        <translation>Agor y ffolder data</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No file manager opened the folder. Select its path above, copy it, and paste it into your file manager&apos;s address bar.</source>
        <translation>Ni agorodd unrhyw reolwr ffeiliau y ffolder. Dewiswch ei llwybr uchod, ei gopïo, a&apos;i ludo ym mar cyfeiriad eich rheolwr ffeiliau.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Built with Qt (LGPLv3) through PySide6, and the DejaVu fonts (free licence, in assets/fonts).</source>
        <translation>Wedi&apos;i adeiladu gyda Qt (LGPLv3) drwy PySide6, a&apos;r ffontiau DejaVu (trwydded rydd, yn assets/fonts).</translation>
    </message>
</context>
<context>
    <name>ActivityTableModel</name>
    <message>
        <location filename="../../../ui/capture/model.py" line="+102"/>
        <source>#</source>
        <extracomment>Custom roles: the activity&apos;s UUID, and the key used for sorting. every live activity of the event, in the order they were recorded positions in `_all` of the rows shown, in shown order</extracomment>
        <translation>#</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>Math</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>Teitl</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who</source>
        <translation>Pwy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Categories</source>
        <translation>Categorïau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Regions</source>
        <translation>Rhanbarthau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mode</source>
        <translation>Dull</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hours</source>
        <translation>Oriau</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Offer</source>
        <translation>Cynnig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Request</source>
        <translation>Cais</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Either</source>
        <translation>Y naill neu&apos;r llall</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remote</source>
        <translation>O bell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Face to face</source>
        <translation>Wyneb yn wyneb</translation>
    </message>
</context>
<context>
    <name>AudienceWindow</name>
    <message>
        <location filename="../../../ui/stage.py" line="+100"/>
        <source>Hexikit — audience</source>
        <translation>Hexikit — cynulleidfa</translation>
    </message>
</context>
<context>
    <name>CaptureForm</name>
    <message>
        <location filename="../../../ui/capture/form.py" line="+105"/>
        <location line="+432"/>
        <source>New offer or request</source>
        <extracomment>The form&apos;s fields, each with a red note under it, in the order the form reads. the event the form types into; goes into drafts</extracomment>
        <translation>Cynnig neu gais newydd</translation>
    </message>
    <message>
        <location line="-419"/>
        <source>Offer   Ctrl+O</source>
        <translation>Cynnig   Ctrl+O</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Request   Ctrl+R</source>
        <translation>Cais   Ctrl+R</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Offer</source>
        <translation>Cynnig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Request</source>
        <translation>Cais</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Name (optional)</source>
        <translation>Enw (dewisol)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>New…  Ctrl+N</source>
        <translation>Newydd…  Ctrl+N</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New participant</source>
        <translation>Cyfranogwr newydd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit…</source>
        <translation>Golygu…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Correct the person in the Who box: name, email, consent… (Ctrl+Shift+N)</source>
        <translation>Cywiro&apos;r person yn y blwch Pwy: enw, e-bost, caniatâd… (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit participant</source>
        <translation>Golygu cyfranogwr</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Who</source>
        <translation>&amp;Pwy</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Title</source>
        <translation>&amp;Teitl</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>More detail, if they gave it (Shift+Enter for a new line)</source>
        <translation>Rhagor o fanylion, os rhoddwyd nhw (Shift+Enter am linell newydd)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Description</source>
        <translation>&amp;Disgrifiad</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Type to pick: coaching, design, audit…</source>
        <translation>Teipiwch i ddewis: hyfforddi, dylunio, archwilio…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Categories</source>
        <translation>&amp;Categorïau</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type to pick: London, Wales…</source>
        <translation>Teipiwch i ddewis: Llundain, Cymru…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Re&amp;gions</source>
        <translation>Rhan&amp;barthau</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Categories</source>
        <translation>Categorïau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Regions</source>
        <translation>Rhanbarthau</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Either</source>
        <translation>Y naill neu&apos;r llall</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remote</source>
        <translation>O bell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Face to face</source>
        <translation>Wyneb yn wyneb</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. 1.5</source>
        <translation>e.e. 1.5</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Mode</source>
        <translation>D&amp;ull</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mode</source>
        <translation>Dull</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Hours (optional)</source>
        <translation>&amp;Oriau (dewisol)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Clear</source>
        <translation>Clirio</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>No category matches “{text}”. Try: {choices}.</source>
        <translation>Does dim categori&apos;n cyfateb i “{text}”. Rhowch gynnig ar: {choices}.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No region matches “{text}”. Try: {choices}.</source>
        <translation>Does dim rhanbarth yn cyfateb i “{text}”. Rhowch gynnig ar: {choices}.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>What can they offer? A few words</source>
        <translation>Beth allan nhw ei gynnig? Ychydig eiriau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save offer</source>
        <translation>Cadw&apos;r cynnig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What do they need? A few words</source>
        <translation>Beth sydd ei angen arnyn nhw? Ychydig eiriau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save request</source>
        <translation>Cadw&apos;r cais</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save changes</source>
        <translation>Cadw&apos;r newidiadau</translation>
    </message>
    <message>
        <location line="+145"/>
        <source>Edit entry #{n}</source>
        <translation>Golygu cofnod #{n}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You are changing a saved entry. Enter saves the change; Esc cancels.</source>
        <translation>Rydych chi&apos;n newid cofnod sydd wedi&apos;i gadw. Mae Enter yn cadw&apos;r newid; mae Esc yn canslo.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Nobody called “{name}” yet: press Ctrl+N to add them, or clear this box.</source>
        <translation>Does neb o&apos;r enw “{name}” eto: pwyswch Ctrl+N i&apos;w ychwanegu, neu cliriwch y blwch hwn.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Several people match “{name}”: type more of the name.</source>
        <translation>Mae sawl person yn cyfateb i “{name}”: teipiwch fwy o&apos;r enw.</translation>
    </message>
</context>
<context>
    <name>CapturePage</name>
    <message>
        <location filename="../../../ui/capture/page.py" line="+120"/>
        <source>Capture</source>
        <translation>Cofnodi</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>No Hexithon chosen yet</source>
        <extracomment>Enter was pressed before the event was read (at start-up): save once it is. widgets that get the style sheet, once the whole tree is built (rules match on ancestors, and Qt does not re-polish a styled widget when it is re-parented)</extracomment>
        <translation>Dim Hexithon wedi&apos;i ddewis eto</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Create the event you are running (or open an earlier one) to start typing.</source>
        <translation>Crëwch y digwyddiad rydych chi&apos;n ei gynnal (neu agorwch un cynharach) i ddechrau teipio.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Create or open an event…  Ctrl+Shift+E</source>
        <translation>Creu neu agor digwyddiad…  Ctrl+Shift+E</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Change…</source>
        <translation>Newid…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open or create another event (Ctrl+Shift+E)</source>
        <translation>Agor neu greu digwyddiad arall (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change event</source>
        <translation>Newid y digwyddiad</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>participants</source>
        <translation>cyfranogwyr</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>offers</source>
        <translation>cynigion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>requests</source>
        <translation>ceisiadau</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Offer</source>
        <translation>Cynnig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Request</source>
        <translation>Cais</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New participant</source>
        <translation>Cyfranogwr newydd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Correct the chosen participant</source>
        <translation>Cywiro&apos;r cyfranogwr a ddewiswyd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search the list</source>
        <translation>Chwilio&apos;r rhestr</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save (Enter does too)</source>
        <translation>Cadw (mae Enter yn gwneud hefyd)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Undo the last delete</source>
        <translation>Dadwneud y dileu olaf</translation>
    </message>
    <message>
        <location line="+69"/>
        <location line="+19"/>
        <source>Saving…</source>
        <translation>Wrthi&apos;n cadw…</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Not saved yet: see the red notes above.</source>
        <translation>Heb ei gadw eto: gweler y nodiadau coch uchod.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>offer</source>
        <translation>cynnig</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>request</source>
        <translation>cais</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saved the change to “{title}”.</source>
        <translation>Cadwyd y newid i “{title}”.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saved {kind}: “{title}”.</source>
        <translation>Cadwyd {kind}: “{title}”.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>This was not saved ({error}). What you typed is still here: press Enter to try again.</source>
        <translation>Ni chadwyd hyn ({error}). Mae&apos;r hyn a deipiwyd gennych yma o hyd: pwyswch Enter i roi cynnig arall arni.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Edit cancelled; nothing changed.</source>
        <translation>Canslwyd y golygu; ni newidiodd dim.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Restored “{title}”.</source>
        <translation>Adferwyd “{title}”.</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Could not read the list ({error}).</source>
        <translation>Methu darllen y rhestr ({error}).</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Opening…</source>
        <translation>Wrthi&apos;n agor…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Hexikit — {event}</source>
        <translation>Hexikit — {event}</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Choose someone in the Who box first, then press Ctrl+Shift+N.</source>
        <translation>Dewiswch rywun yn y blwch Pwy yn gyntaf, yna pwyswch Ctrl+Shift+N.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>That participant no longer exists; choose again.</source>
        <translation>Dydy&apos;r cyfranogwr hwnnw ddim yn bodoli mwyach; dewiswch eto.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Updated {name}.</source>
        <translation>Diweddarwyd {name}.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Added {name}.</source>
        <translation>Ychwanegwyd {name}.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Your unsaved entry from last time is back. Press Enter to save it.</source>
        <translation>Mae eich cofnod heb ei gadw o&apos;r tro diwethaf yn ôl. Pwyswch Enter i&apos;w gadw.</translation>
    </message>
</context>
<context>
    <name>CardsPage</name>
    <message>
        <location filename="../../../ui/cards/page.py" line="+117"/>
        <source>Blank offer cards</source>
        <translation>Cardiau cynnig gwag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Blank request cards</source>
        <translation>Cardiau cais gwag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Personal cards (claim codes)</source>
        <translation>Cardiau personol (codau hawlio)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event cards</source>
        <translation>Cardiau digwyddiad</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+36"/>
        <source>Cards</source>
        <translation>Cardiau</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Event</source>
        <translation>Digwyddiad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Participants</source>
        <translation>Cyfranogwyr</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Everyone</source>
        <translation>Pawb</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Those with offers or requests</source>
        <translation>Y rhai â chynigion neu geisiadau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A selection:</source>
        <translation>Detholiad:</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Add…</source>
        <translation>Ychwanegu…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Describe a sheet of cards that is not listed</source>
        <translation>Disgrifio taflen o gardiau sydd ddim ar y rhestr</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sheet</source>
        <translation>Taflen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>How many cards</source>
        <translation>Sawl cerdyn</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Crop marks outside the grid</source>
        <translation>Marciau torri y tu allan i&apos;r grid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Welsh and English (Welsh first)</source>
        <translation>Cymraeg a Saesneg (Cymraeg yn gyntaf)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The cards&apos; own words in both languages, as NHS Wales signs are.</source>
        <translation>Geiriau&apos;r cardiau eu hunain yn y ddwy iaith, fel arwyddion GIG Cymru.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Printer offset (calibrate with a test sheet)</source>
        <translation>Gwrthbwyso&apos;r argraffydd (calibro gyda thaflen brawf)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Printer name</source>
        <translation>Enw&apos;r argraffydd</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Printer</source>
        <translation>Argraffydd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move right by</source>
        <translation>Symud i&apos;r dde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move down by</source>
        <translation>Symud i lawr</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Print…</source>
        <translation>Argraffu…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save PDF…</source>
        <translation>Cadw PDF…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Print test sheet…</source>
        <translation>Argraffu taflen brawf…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deck handout…</source>
        <translation>Taflen y cyflwyniad…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Preview of the first sheet</source>
        <translation>Rhagolwg o&apos;r daflen gyntaf</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Print at 100 % (actual size), never “fit to page”. Printers cannot print the outer 3–6 mm of the paper; the cards keep their text 3 mm inside each edge.</source>
        <translation>Argraffwch ar 100 % (maint gwirioneddol), byth “ffitio i&apos;r dudalen”. Dydy argraffwyr ddim yn gallu argraffu 3–6 mm allanol y papur; mae&apos;r cardiau&apos;n cadw eu testun 3 mm y tu mewn i bob ymyl.</translation>
    </message>
    <message>
        <location line="+198"/>
        <source>{name} (offers and requests: {count})</source>
        <translation>{name} (cynigion a cheisiadau: {count})</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Preview of sheet 1 of {pages} (cards: {cards})</source>
        <translation>Rhagolwg o daflen 1 o {pages} (cardiau: {cards})</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Ready to print.</source>
        <translation>Yn barod i argraffu.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>…and {count} more warnings.</source>
        <translation>…a {count} rhybudd arall.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Save cards as PDF</source>
        <translation>Cadw&apos;r cardiau fel PDF</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+116"/>
        <source>PDF files (*.pdf)</source>
        <translation>Ffeiliau PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="-101"/>
        <source>Saved {cards} cards on {pages} pages to {path}. Print at 100 % (actual size).</source>
        <translation>Cadwyd {cards} cerdyn ar {pages} tudalen i {path}. Argraffwch ar 100 % (maint gwirioneddol).</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Print cards at actual size</source>
        <translation>Argraffu cardiau ar eu maint gwirioneddol</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Paper size differs</source>
        <translation>Mae maint y papur yn wahanol</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Hexikit sign-up cards — {event}</source>
        <translation>Cardiau cofrestru Hexikit — {event}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hexikit sign-up cards</source>
        <translation>Cardiau cofrestru Hexikit</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hexikit test sheet — {sheet}</source>
        <translation>Dalen brawf Hexikit — {sheet}</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Sent {pages} pages to {printer} (offset {x:+.2f}, {y:+.2f} mm).</source>
        <translation>Anfonwyd {pages} tudalen i {printer} (gwrthbwyso {x:+.2f}, {y:+.2f} mm).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the printer</source>
        <translation>yr argraffydd</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The deck handout is not part of this version of Hexikit yet, so it cannot be made here. Personal, blank and event cards still work.</source>
        <translation>Dydy taflen y cyflwyniad ddim yn rhan o&apos;r fersiwn hon o Hexikit eto, felly does dim modd ei gwneud yma. Mae cardiau personol, gwag a digwyddiad yn dal i weithio.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Deck handout</source>
        <translation>Taflen y cyflwyniad</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save the deck handout as PDF</source>
        <translation>Cadw taflen y cyflwyniad fel PDF</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Saved the handout of {deck} ({pages} pages) to {path}.</source>
        <translation>Cadwyd taflen {deck} ({pages} tudalen) i {path}.</translation>
    </message>
    <message>
        <location filename="../../../ui/cards/printing.py" line="+56"/>
        <source>The printer is set to {paper} ({width:.0f} × {height:.0f} mm) but these cards are laid out for {page}. Printing now would misplace every card. Press Cancel and choose another printer, or press Ignore to print anyway if the paper in the tray really is {page}.</source>
        <extracomment>Printing renders each page at this resolution at most (a 300 dpi A4 bitmap is ~35 MB).</extracomment>
        <translation>Mae&apos;r argraffydd wedi&apos;i osod i {paper} ({width:.0f} × {height:.0f} mm) ond mae&apos;r cardiau hyn wedi&apos;u gosod ar gyfer {page}. Byddai argraffu nawr yn camleoli pob cerdyn. Pwyswch Diddymu a dewis argraffydd arall, neu pwyswch Anwybyddu i argraffu beth bynnag os {page} yw&apos;r papur yn yr hambwrdd mewn gwirionedd.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The printer {printer} does not list {page} paper, and these cards are laid out for {page}. Press Cancel and choose another printer, or press Ignore to print anyway if the paper in the tray really is {page}.</source>
        <translation>Nid yw&apos;r argraffydd {printer} yn rhestru papur {page}, ac mae&apos;r cardiau hyn wedi&apos;u gosod ar gyfer {page}. Pwyswch Diddymu a dewis argraffydd arall, neu pwyswch Anwybyddu i argraffu beth bynnag os {page} yw&apos;r papur yn yr hambwrdd mewn gwirionedd.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The cards PDF could not be read back.</source>
        <translation>Methu darllen PDF y cardiau yn ôl.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The printer could not be started. Check it is switched on and connected, or save a PDF instead.</source>
        <translation>Methu cychwyn yr argraffydd. Gwiriwch ei fod ymlaen ac wedi&apos;i gysylltu, neu cadwch PDF yn lle hynny.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>The preview could not be drawn.</source>
        <translation>Methu llunio&apos;r rhagolwg.</translation>
    </message>
</context>
<context>
    <name>ClosingScene</name>
    <message>
        <location filename="../../../ui/session/scenes.py" line="+89"/>
        <source>Thank you</source>
        <translation>Diolch</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+14"/>
        <source>See you on Hexitime.</source>
        <translation>Welwn ni chi ar Hexitime.</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>1 offer</source>
        <translation>1 cynnig</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{n} offers</source>
        <translation>{n} cynnig</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 request</source>
        <translation>1 cais</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} requests</source>
        <translation>{n} cais</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Thank you — {offers} and {requests} today</source>
        <translation>Diolch — {offers} a {requests} heddiw</translation>
    </message>
</context>
<context>
    <name>CustomSheetDialog</name>
    <message>
        <location filename="../../../ui/cards/widgets.py" line="+69"/>
        <source>Card width</source>
        <translation>Lled y cerdyn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card height</source>
        <translation>Uchder y cerdyn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Columns</source>
        <translation>Colofnau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rows</source>
        <translation>Rhesi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First card from the left edge</source>
        <translation>Cerdyn cyntaf o&apos;r ymyl chwith</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First card from the top edge</source>
        <translation>Cerdyn cyntaf o&apos;r ymyl uchaf</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Across: card start to next card start</source>
        <translation>Ar draws: dechrau cerdyn i ddechrau&apos;r cerdyn nesaf</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Down: card start to next card start</source>
        <translation>I lawr: dechrau cerdyn i ddechrau&apos;r cerdyn nesaf</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add a sheet of cards</source>
        <translation>Ychwanegu taflen o gardiau</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. Club business cards</source>
        <translation>e.e. Cardiau busnes Club</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>Enw</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Paper</source>
        <translation>Papur</translation>
    </message>
</context>
<context>
    <name>EntryListPanel</name>
    <message>
        <location filename="../../../ui/capture/list_panel.py" line="+98"/>
        <location line="+21"/>
        <source>Offers and requests</source>
        <extracomment>Starting widths of the list&apos;s columns; the title takes what is left. Columns hidden first when the list is narrow (the title keeps at least MIN_TITLE_WIDTH).</extracomment>
        <translation>Cynigion a cheisiadau</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Filter by any word or name   Ctrl+F</source>
        <translation>Hidlo yn ôl gair neu enw   Ctrl+F</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter offers and requests</source>
        <translation>Hidlo cynigion a cheisiadau</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Undo  Ctrl+Z</source>
        <translation>Dadwneud  Ctrl+Z</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Double-click or F2: edit  ·  Delete: remove  ·  Ctrl+Z: undo  ·  Click a heading to sort</source>
        <translation>Clic dwbl neu F2: golygu  ·  Delete: tynnu  ·  Ctrl+Z: dadwneud  ·  Cliciwch bennawd i drefnu</translation>
    </message>
    <message>
        <location line="+147"/>
        <source>No offers or requests yet: type the first one on the left.</source>
        <translation>Dim cynigion na cheisiadau eto: teipiwch y cyntaf ar y chwith.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing matches “{text}”. Press Esc in the filter to clear it.</source>
        <translation>Does dim yn cyfateb i “{text}”. Pwyswch Esc yn yr hidlydd i&apos;w glirio.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Deleted #{n} “{title}”.</source>
        <translation>Dilëwyd #{n} “{title}”.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Restored “{title}”. Ctrl+Z restores the one before.</source>
        <translation>Adferwyd “{title}”. Mae Ctrl+Z yn adfer yr un cynt.</translation>
    </message>
</context>
<context>
    <name>EventDialog</name>
    <message>
        <location filename="../../../ui/widgets/event_dialog.py" line="+95"/>
        <source>Choose the Hexithon</source>
        <translation>Dewis yr Hexithon</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Events so far</source>
        <translation>Digwyddiadau hyd yma</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Open a Hexithon</source>
        <translation>Agor Hexithon</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pick one with the arrow keys and press Enter.</source>
        <translation>Dewiswch un gyda&apos;r bysellau saeth a phwyso Enter.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Or start a new one</source>
        <translation>Neu dechrau un newydd</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Start your Hexithon</source>
        <translation>Dechrau eich Hexithon</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Give the event a name; the rest is optional and can help the report.</source>
        <translation>Rhowch enw i&apos;r digwyddiad; mae&apos;r gweddill yn ddewisol a gall helpu&apos;r adroddiad.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>e.g. Hexithon at the Q Summit</source>
        <translation>e.e. Hexithon yn Uwchgynhadledd Q</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>YYYY-MM-DD</source>
        <translation>BBBB-MM-DD</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Where (optional)</source>
        <translation>Ble (dewisol)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(not given)</source>
        <translation>(heb ei roi)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your name (optional)</source>
        <translation>Eich enw (dewisol)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Title</source>
        <translation>&amp;Teitl</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Date</source>
        <translation>&amp;Dyddiad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Venue</source>
        <translation>&amp;Lleoliad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;gion</source>
        <translation>Rhan&amp;barth</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Facilitator</source>
        <translation>&amp;Hwylusydd</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Create event  ⏎</source>
        <translation>Creu digwyddiad  ⏎</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancel  Esc</source>
        <translation>Canslo  Esc</translation>
    </message>
</context>
<context>
    <name>FeedbackPanel</name>
    <message>
        <location filename="../../../ui/session/feedback.py" line="+134"/>
        <source>What worked? (a quote from the room)</source>
        <translation>Beth weithiodd? (dyfyniad o&apos;r ystafell)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Even better if…</source>
        <translation>Gwell fyth pe bai…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1–5</source>
        <translation>1–5</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Add feedback</source>
        <translation>&amp;Ychwanegu adborth</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Feedback entries</source>
        <translation>Cofnodion adborth</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What &amp;worked</source>
        <translation>Beth &amp;weithiodd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Even better if</source>
        <translation>&amp;Gwell fyth pe bai</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Rating</source>
        <translation>&amp;Sgôr</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Choose an event to record feedback.</source>
        <translation>Dewiswch ddigwyddiad i gofnodi adborth.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>1 entry</source>
        <translation>1 cofnod</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} entries</source>
        <translation>{count} cofnod</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose an event first (Session ▸ event).</source>
        <translation>Dewiswch ddigwyddiad yn gyntaf (Sesiwn ▸ digwyddiad).</translation>
    </message>
</context>
<context>
    <name>FeedbackScene</name>
    <message>
        <location line="-153"/>
        <source>What worked?</source>
        <translation>Beth weithiodd?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Even better if…</source>
        <translation>Gwell fyth pe bai…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>And a score from 1 to 5</source>
        <translation>A sgôr o 1 i 5</translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <location filename="../../../ui/present/overview.py" line="+52"/>
        <source>number, then Enter</source>
        <translation>rhif, yna Enter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Go to that slide</source>
        <translation>Mynd i&apos;r sleid honno</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Keys (press any key to close)</source>
        <translation>Bysellau (pwyswch unrhyw fysell i gau)</translation>
    </message>
    <message>
        <location filename="../../../ui/timer/help_overlay.py" line="+59"/>
        <source>Timer keys (press any key to close)</source>
        <translation>Bysellau&apos;r amserydd (pwyswch unrhyw fysell i gau)</translation>
    </message>
</context>
<context>
    <name>Hexikit</name>
    <message>
        <location filename="../../../ui/app.py" line="+193"/>
        <source>Your data file was damaged</source>
        <extracomment>When set to a file path, the app keeps a JSON snapshot there of what the projector shows and which page and widget have the keyboard (for the two-screen end-to-end test).</extracomment>
        <translation>Cafodd eich ffeil ddata ei difrodi</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Hexikit cannot open its data</source>
        <translation>Dydy Hexikit ddim yn gallu agor ei ddata</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Hexikit is already open</source>
        <translation>Mae Hexikit eisoes ar agor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hexikit is already running with the data folder {folder}. Switch to that window (check the taskbar), or close it first. Two windows writing one folder could lose what you type.</source>
        <translation>Mae Hexikit eisoes yn rhedeg gyda&apos;r ffolder data {folder}. Newidiwch i&apos;r ffenestr honno (gwiriwch y bar tasgau), neu caewch hi yn gyntaf. Gallai dwy ffenestr yn ysgrifennu i un ffolder golli&apos;r hyn rydych chi&apos;n ei deipio.</translation>
    </message>
</context>
<context>
    <name>IdentifyOverlay</name>
    <message>
        <location filename="../../../ui/screens.py" line="+314"/>
        <source>Laptop and projector: one screen for the notes and the slides</source>
        <translation>Gliniadur a thaflunydd: un sgrin ar gyfer y nodiadau a&apos;r sleidiau</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Laptop: presenter view with the notes</source>
        <translation>Gliniadur: golwg y cyflwynydd gyda&apos;r nodiadau</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Projector: what the audience sees</source>
        <translation>Taflunydd: yr hyn mae&apos;r gynulleidfa&apos;n ei weld</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not used for the talk</source>
        <translation>Heb ei ddefnyddio ar gyfer y sgwrs</translation>
    </message>
</context>
<context>
    <name>JoinScene</name>
    <message>
        <location filename="../../../ui/room/scene.py" line="+49"/>
        <source>Request</source>
        <translation>Cais</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Offer</source>
        <translation>Cynnig</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The room is closed.</source>
        <translation>Mae&apos;r ystafell ar gau.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Add your offers and requests from your phone</source>
        <translation>Ychwanegwch eich cynigion a&apos;ch ceisiadau o&apos;ch ffôn</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Scan the code, or type this address:</source>
        <translation>Sganiwch y cod, neu teipiwch y cyfeiriad hwn:</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Offers: {offers} · Requests: {requests}</source>
        <translation>Cynigion: {offers} · Ceisiadau: {requests}</translation>
    </message>
</context>
<context>
    <name>KeysDialog</name>
    <message>
        <location filename="../../../ui/menus.py" line="+423"/>
        <location line="+3"/>
        <source>Keys</source>
        <translation>Bysellau</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../../ui/main_window.py" line="+163"/>
        <source>Hexikit</source>
        <extracomment>(module, class) of each mode page, in side-bar order. Each capability adds its line. A page class takes (context, parent) and has a `mode_title()` static/class method. Each page&apos;s side-bar title (its `mode_title()`, in the page&apos;s translation context), shown before the page is built: pages are built after the first one paints. (The strings are extracted for translation from the pages&apos; own `mode_title()`.)</extracomment>
        <translation>Hexikit</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Modes</source>
        <extracomment>Ask for the current event when none is chosen (off for `hexikit present`).</extracomment>
        <translation>Dulliau</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Opening your Hexithon data…</source>
        <translation>Wrthi&apos;n agor eich data Hexithon…</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>&amp;File</source>
        <translation>&amp;Ffeil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Event</source>
        <translation>&amp;Digwyddiad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Choose or create event…</source>
        <translation>&amp;Dewis neu greu digwyddiad…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;View</source>
        <translation>&amp;Golwg</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Help</source>
        <translation>&amp;Cymorth</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>&amp;Gadael</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;About Hexikit</source>
        <translation>&amp;Ynghylch Hexikit</translation>
    </message>
    <message>
        <location filename="../../../ui/language.py" line="+43"/>
        <source>&amp;Language</source>
        <extracomment>Said in both languages, Welsh first: the person choosing may not read the one on screen. Each language&apos;s name as the other language says it.</extracomment>
        <translation>&amp;Iaith</translation>
    </message>
</context>
<context>
    <name>MatchBoard</name>
    <message>
        <location filename="../../../ui/session/match_board.py" line="+252"/>
        <source>Suggested matches</source>
        <translation>Parau a awgrymwyd</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&amp;Confirm</source>
        <translation>&amp;Cadarnhau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Dismiss</source>
        <translation>&amp;Gwrthod</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo decision</source>
        <translation>&amp;Dadwneud y penderfyniad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Adnewyddu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next &amp;page on screen</source>
        <translation>&amp;Tudalen nesaf ar y sgrin</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Choose an event to see who can help whom.</source>
        <translation>Dewiswch ddigwyddiad i weld pwy all helpu pwy.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>No suggestions yet: they appear when offers and requests share a category or words.</source>
        <translation>Dim awgrymiadau eto: maen nhw&apos;n ymddangos pan fydd cynigion a cheisiadau&apos;n rhannu categori neu eiriau.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{confirmed} confirmed, {undecided} to decide.</source>
        <translation>{confirmed} wedi&apos;u cadarnhau, {undecided} i&apos;w penderfynu.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Could not load the matches: {error}</source>
        <translation>Methu llwytho&apos;r parau: {error}</translation>
    </message>
</context>
<context>
    <name>MatchesScene</name>
    <message>
        <location line="-202"/>
        <source>Who can help whom</source>
        <translation>Pwy all helpu pwy</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Matches appear here as they are confirmed.</source>
        <translation>Mae parau&apos;n ymddangos yma wrth iddyn nhw gael eu cadarnhau.</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <location filename="../../../ui/menus.py" line="-363"/>
        <source>CSV for spreadsheets, English column names (*.csv)</source>
        <extracomment>The save dialog&apos;s choices: (filter label, format, CSV column language).</extracomment>
        <translation>CSV ar gyfer taenlenni, enwau colofnau Saesneg (*.csv)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>CSV for spreadsheets, Welsh column names (*.csv)</source>
        <translation>CSV ar gyfer taenlenni, enwau colofnau Cymraeg (*.csv)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>JSON, every field (*.json)</source>
        <translation>JSON, pob maes (*.json)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Export offers and requests</source>
        <translation>Allforio cynigion a cheisiadau</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Exported %n offers and requests to {path}.</source>
        <translation>Allforiwyd %n cynnig a chais i {path}.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Could not export</source>
        <translation>Methu allforio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hexikit could not write {path}: {reason}. Choose another folder and try again.</source>
        <translation>Methodd Hexikit ysgrifennu {path}: {reason}. Dewiswch ffolder arall a rhowch gynnig arall arni.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Import offers and requests</source>
        <translation>Mewnforio cynigion a cheisiadau</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>Ffeiliau CSV (*.csv *.txt);;Pob ffeil (*)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Import finished</source>
        <translation>Mewnforio wedi gorffen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Nothing was imported</source>
        <translation>Ni fewnforiwyd dim</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{reason}

Nothing was imported: fix the rows listed under Show Details in the file (or your spreadsheet) and import it again.</source>
        <translation>{reason}

Ni fewnforiwyd dim: cywirwch y rhesi a restrir o dan Dangos Manylion yn y ffeil (neu eich taenlen) a&apos;i mewnforio eto.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The import stopped: {error}. Nothing was imported.</source>
        <translation>Daeth y mewnforio i ben: {error}. Ni fewnforiwyd dim.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>&amp;Export this event&apos;s offers and requests…</source>
        <translation>&amp;Allforio cynigion a cheisiadau&apos;r digwyddiad hwn…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Export &amp;every event&apos;s offers and requests…</source>
        <translation>Allforio cynigion a cheisiadau &amp;pob digwyddiad…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Import offers and requests (CSV)…</source>
        <translation>&amp;Mewnforio cynigion a cheisiadau (CSV)…</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>The projector has no {scene} yet.</source>
        <extracomment>The projector scenes the View menu offers, in order (the slides come back with Shift+F5).</extracomment>
        <translation>Nid oes gan y taflunydd {scene} eto.</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>&amp;Projector shows</source>
        <translation>Mae&apos;r &amp;taflunydd yn dangos</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;Full screen</source>
        <translation>Sgrin &amp;lawn</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Larger notes</source>
        <translation>Nodiadau &amp;mwy</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Smaller notes</source>
        <translation>Nodiadau &amp;llai</translation>
    </message>
    <message>
        <location line="+126"/>
        <source>&amp;Keys</source>
        <translation>&amp;Bysellau</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;User guide</source>
        <translation>&amp;Canllaw defnyddwyr</translation>
    </message>
</context>
<context>
    <name>NotesEditor</name>
    <message>
        <location filename="../../../ui/rehearse/notes_editor.py" line="+59"/>
        <location line="+127"/>
        <source>Edit notes — {title}</source>
        <translation>Golygu nodiadau — {title}</translation>
    </message>
    <message>
        <location line="-115"/>
        <source>Slides</source>
        <translation>Sleidiau</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Notes of this slide</source>
        <translation>Nodiadau&apos;r sleid hon</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Save</source>
        <translation>Cadw</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+17"/>
        <source>(no title)</source>
        <translation>(dim teitl)</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Slide {n}: {title}</source>
        <translation>Sleid {n}: {title}</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>{words} words · about {time} at {wpm} words per minute</source>
        <translation>{words} gair · tua {time} ar {wpm} gair y funud</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Saving…</source>
        <translation>Wrthi&apos;n cadw…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Saved.</source>
        <translation>Cadwyd.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The notes were not saved</source>
        <translation>Ni chadwyd y nodiadau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What you typed is still in the editor.</source>
        <translation>Mae&apos;r hyn a deipiwyd gennych yn y golygydd o hyd.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Unsaved notes</source>
        <translation>Nodiadau heb eu cadw</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Some notes are not saved. Save them now?</source>
        <translation>Dydy rhai nodiadau ddim wedi&apos;u cadw. Eu cadw nawr?</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <location filename="../../../ui/present/notes_panel.py" line="+45"/>
        <source>Notes</source>
        <translation>Nodiadau</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Smaller notes (-)</source>
        <translation>Nodiadau llai (-)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Larger notes (+)</source>
        <translation>Nodiadau mwy (+)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Smaller notes</source>
        <translation>Nodiadau llai</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Larger notes</source>
        <translation>Nodiadau mwy</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Problems in the deck</source>
        <translation>Problemau yn y cyflwyniad</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>This deck has no slides.</source>
        <translation>Does dim sleidiau yn y cyflwyniad hwn.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No notes for this slide.</source>
        <translation>Dim nodiadau ar gyfer y sleid hon.</translation>
    </message>
</context>
<context>
    <name>ParticipantDialog</name>
    <message>
        <location filename="../../../ui/capture/participant_dialog.py" line="+79"/>
        <source>Edit participant</source>
        <extracomment>the participant being corrected; &quot;&quot; when creating one</extracomment>
        <translation>Golygu cyfranogwr</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New participant</source>
        <translation>Cyfranogwr newydd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save changes  ⏎</source>
        <translation>Cadw&apos;r newidiadau  ⏎</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save participant  ⏎</source>
        <translation>Cadw&apos;r cyfranogwr  ⏎</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Full name, as they say it</source>
        <translation>Enw llawn, fel maen nhw&apos;n ei ddweud</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>name@example.org (optional)</source>
        <translation>enw@example.org (dewisol)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Trust, practice, team… (optional)</source>
        <translation>Ymddiriedolaeth, practis, tîm… (dewisol)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Job or role (optional)</source>
        <translation>Swydd neu rôl (dewisol)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(not given)</source>
        <translation>(heb ei roi)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Already a Hexitime member</source>
        <translation>Eisoes yn aelod o Hexitime</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agrees to the statement below</source>
        <translation>Yn cytuno â&apos;r datganiad isod</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Read this out. Without consent, their name and email never leave this laptop; their offers and requests still count.</source>
        <translation>Darllenwch hwn yn uchel. Heb ganiatâd, dydy eu henw a&apos;u e-bost byth yn gadael y gliniadur hwn; mae eu cynigion a&apos;u ceisiadau&apos;n dal i gyfrif.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Consent recorded on {date} at {time}.</source>
        <extracomment>when the stored consent was given (editing), so a withdrawal is a knowing one</extracomment>
        <translation>Cofnodwyd caniatâd ar {date} am {time}.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Name</source>
        <translation>&amp;Enw</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Email</source>
        <translation>&amp;E-bost</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Organisation</source>
        <translation>&amp;Sefydliad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Role</source>
        <translation>&amp;Rôl</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;gion</source>
        <translation>Rhan&amp;barth</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cancel  Esc</source>
        <translation>Canslo  Esc</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>Saving…</source>
        <translation>Wrthi&apos;n cadw…</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>This could not be saved ({error}). What you typed is still here.</source>
        <translation>Methu cadw hyn ({error}). Mae&apos;r hyn a deipiwyd gennych yma o hyd.</translation>
    </message>
</context>
<context>
    <name>PresentPage</name>
    <message>
        <location filename="../../../ui/present/page.py" line="+77"/>
        <source>Decks (*.md *.markdown *.txt *.pdf *.pptx);;All files (*)</source>
        <extracomment>How long &quot;the slide did not move&quot; stays on the presenter view after a refused slide key.</extracomment>
        <translation>Cyflwyniadau (*.md *.markdown *.txt *.pdf *.pptx);;Pob ffeil (*)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Present</source>
        <translation>Cyflwyno</translation>
    </message>
    <message>
        <location line="+104"/>
        <location line="+310"/>
        <source>Start (F5)</source>
        <translation>Dechrau (F5)</translation>
    </message>
    <message>
        <location line="-309"/>
        <source>Open deck…</source>
        <translation>Agor ffeil…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Built-in deck</source>
        <translation>Cyflwyniad parod</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+517"/>
        <source>Pause clock</source>
        <translation>Oedi cloc</translation>
    </message>
    <message>
        <location line="-514"/>
        <source>Reset clock</source>
        <translation>Ailosod cloc</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Swap screens (S)</source>
        <translation>Cyfnewid sgrin (S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Identify screens</source>
        <translation>Adnabod sgrin</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keys (?)</source>
        <translation>Bysellau (?)</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Next</source>
        <translation>Nesaf</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Next slide</source>
        <translation>Sleid nesaf</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Previous slide</source>
        <translation>Sleid flaenorol</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>First slide</source>
        <translation>Sleid gyntaf</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last slide</source>
        <translation>Sleid olaf</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Black screen</source>
        <translation>Sgrin ddu</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>White screen</source>
        <translation>Sgrin wen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start from the first slide</source>
        <translation>Dechrau o&apos;r sleid gyntaf</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Start from the current slide</source>
        <translation>Dechrau o&apos;r sleid bresennol</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>End the show (back to this view)</source>
        <translation>Gorffen y sioe (yn ôl i&apos;r olwg hon)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Overview of all slides</source>
        <translation>Trosolwg o&apos;r holl sleidiau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This help</source>
        <translation>Y cymorth hwn</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Larger notes</source>
        <translation>Nodiadau mwy</translation>
    </message>
    <message>
        <location line="-246"/>
        <source>Presenter view</source>
        <translation>Golwg y cyflwynydd</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The keys move the slides: Right or Page Down next, Left or Page Up back, G every slide, ? every key. Tab moves to the buttons.</source>
        <translation>Mae&apos;r bysellau&apos;n symud y sleidiau: Dde neu Page Down ymlaen, Chwith neu Page Up yn ôl, G pob sleid, ? pob bysell. Mae Tab yn symud i&apos;r botymau.</translation>
    </message>
    <message>
        <location line="+131"/>
        <source>Current slide</source>
        <extracomment>The top bar&apos;s buttons, in the order drawn (and tabbed through).</extracomment>
        <translation>Y sleid bresennol</translation>
    </message>
    <message>
        <location line="+117"/>
        <source>Smaller notes</source>
        <translation>Nodiadau llai</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Swap the screens</source>
        <translation>Cyfnewid y sgriniau</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open &amp;deck…</source>
        <translation>Agor &amp;cyflwyniad…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open the &amp;built-in deck</source>
        <translation>Agor y cyflwyniad &amp;parod</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Open a deck</source>
        <translation>Agor cyflwyniad</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Opening {name}…</source>
        <translation>Wrthi&apos;n agor {name}…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The deck could not be opened: {error}</source>
        <translation>Methu agor y cyflwyniad: {error}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{minutes} min</source>
        <translation>{minutes} mun</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Restart (F5)</source>
        <translation>Ailddechrau (F5)</translation>
    </message>
    <message>
        <location line="+144"/>
        <source>{time} behind plan</source>
        <translation>{time} y tu ôl i&apos;r cynllun</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{time} ahead of plan</source>
        <translation>{time} o flaen y cynllun</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>on plan</source>
        <translation>yn ôl y cynllun</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>slide {n} / {total}</source>
        <translation>sleid {n} / {total}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>go to slide {n}…</source>
        <translation>mynd i sleid {n}…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Room sees {scene}</source>
        <translation>Mae&apos;r ystafell yn gweld {scene}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Time elapsed</source>
        <translation>Amser a aeth heibio</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{time} left</source>
        <translation>{time} ar ôl</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>+{time} over</source>
        <translation>+{time} dros amser</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Resume clock</source>
        <translation>Ailgychwyn cloc</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start clock</source>
        <translation>Dechrau cloc</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The slide did not move: the room does not see the slides.</source>
        <translation>Wnaeth y sleid ddim symud: dydy&apos;r ystafell ddim yn gweld y sleidiau.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The projector shows {scene}. Shift+F5 brings the slides back at slide {n} of {total}.</source>
        <translation>Mae&apos;r taflunydd yn dangos {scene}. Mae Shift+F5 yn dod â&apos;r sleidiau&apos;n ôl ar sleid {n} o {total}.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Clock paused</source>
        <translation>Cloc wedi&apos;i oedi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Presenting</source>
        <translation>Yn cyflwyno</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>audience on {screen}</source>
        <translation>cynulleidfa ar {screen}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>one screen: audience in its own window</source>
        <translation>un sgrin: y gynulleidfa yn ei ffenestr ei hun</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Audience sees: black</source>
        <translation>Mae&apos;r gynulleidfa&apos;n gweld: du</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Audience sees: white</source>
        <translation>Mae&apos;r gynulleidfa&apos;n gweld: gwyn</translation>
    </message>
    <message>
        <location filename="../../../ui/present/decks.py" line="+50"/>
        <source>Open the built-in deck in Welsh</source>
        <translation>Agor y cyflwyniad parod yn Gymraeg</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the built-in deck in English</source>
        <translation>Agor y cyflwyniad parod yn Saesneg</translation>
    </message>
</context>
<context>
    <name>Presenter</name>
    <message>
        <location line="-33"/>
        <source>line {line}</source>
        <translation>llinell {line}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>deck</source>
        <translation>cyflwyniad</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Error</source>
        <translation>Gwall</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Warning</source>
        <translation>Rhybudd</translation>
    </message>
</context>
<context>
    <name>RehearsalCoach</name>
    <message>
        <location filename="../../../ui/rehearse/coach.py" line="+115"/>
        <source>Start or finish a rehearsal</source>
        <translation>Dechrau neu orffen ymarfer</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+30"/>
        <source>Teleprompter</source>
        <translation>Telebromptydd</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Edit the notes</source>
        <translation>Golygu&apos;r nodiadau</translation>
    </message>
    <message>
        <location line="+27"/>
        <location line="+204"/>
        <source>Rehearse (R)</source>
        <translation>Ymarfer (R)</translation>
    </message>
    <message>
        <location line="-200"/>
        <source>Edit notes…</source>
        <translation>Golygu nodiadau…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import deck…</source>
        <translation>Mewnforio cyflwyniad…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History</source>
        <translation>Hanes</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> words/min</source>
        <translation> gair/mun</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Speaking rate used to estimate each slide&apos;s target</source>
        <translation>Cyflymder siarad a ddefnyddir i amcangyfrif targed pob sleid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Speaking rate</source>
        <translation>Cyflymder siarad</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>The projector shows something else, so the slides would not move: press Shift+F5 to bring them back, then R to rehearse.</source>
        <translation>Mae&apos;r taflunydd yn dangos rhywbeth arall, felly fyddai&apos;r sleidiau ddim yn symud: pwyswch Shift+F5 i ddod â nhw&apos;n ôl, yna R i ymarfer.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>That run was too short to keep (under 5 seconds).</source>
        <translation>Roedd y rhediad hwnnw&apos;n rhy fyr i&apos;w gadw (llai na 5 eiliad).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Saving the run…</source>
        <translation>Wrthi&apos;n cadw&apos;r rhediad…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The rehearsal stopped and was not kept: the projector left the slides.</source>
        <translation>Stopiodd yr ymarfer ac ni chafodd ei gadw: gadawodd y taflunydd y sleidiau.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No rehearsals of this deck yet: press Rehearse (R) to start one.</source>
        <translation>Dim ymarferion o&apos;r cyflwyniad hwn eto: pwyswch Ymarfer (R) i ddechrau un.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The run was forgotten.</source>
        <translation>Anghofiwyd y rhediad.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The rehearsal could not be saved: {error}</source>
        <translation>Methu cadw&apos;r ymarfer: {error}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Another deck was opened, so the rehearsal was stopped.</source>
        <translation>Agorwyd cyflwyniad arall, felly stopiwyd yr ymarfer.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Finish rehearsal (R)</source>
        <translation>Gorffen ymarfer (R)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Notes can be edited outside the show and rehearsals.</source>
        <translation>Gellir golygu nodiadau y tu allan i&apos;r sioe a&apos;r ymarferion.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>This slide {time} / {target}</source>
        <translation>Y sleid hon {time} / {target}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>on time</source>
        <translation>ar amser</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{time} behind</source>
        <translation>{time} ar ei hôl hi</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{time} ahead</source>
        <translation>{time} ar y blaen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Talk {time} · {pace}</source>
        <translation>Sgwrs {time} · {pace}</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Notes can be edited outside the show: press Esc to end it first.</source>
        <translation>Gellir golygu nodiadau y tu allan i&apos;r sioe: pwyswch Esc i&apos;w gorffen yn gyntaf.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Import a deck</source>
        <translation>Mewnforio cyflwyniad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PowerPoint or PDF (*.pptx *.pdf)</source>
        <translation>PowerPoint neu PDF (*.pptx *.pdf)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Importing {name}… (PowerPoint files take a few seconds)</source>
        <translation>Wrthi&apos;n mewnforio {name}… (mae ffeiliau PowerPoint yn cymryd ychydig eiliadau)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Imported into {folder}. {notes}</source>
        <translation>Mewnforiwyd i {folder}. {notes}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The deck was not imported</source>
        <translation>Ni fewnforiwyd y cyflwyniad</translation>
    </message>
</context>
<context>
    <name>RehearsalSummaryWindow</name>
    <message>
        <location filename="../../../ui/rehearse/summary.py" line="+224"/>
        <source>Rehearsal summary</source>
        <translation>Crynodeb o&apos;r ymarfer</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>History of runs</source>
        <translation>Hanes y rhediadau</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Slides that most often run long</source>
        <translation>Sleidiau sydd amlaf yn rhedeg yn hir</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Forget this run</source>
        <translation>Anghofio&apos;r rhediad hwn</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Rehearsal of {title}</source>
        <translation>Ymarfer {title}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>on target</source>
        <translation>ar y targed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{time} over</source>
        <translation>{time} dros amser</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{time} under: rushed, far short of the target</source>
        <translation>{time} o dan: ar frys, ymhell o dan y targed</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{time} under</source>
        <translation>{time} o dan</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This run: {total} against a target of {target}, {verdict}</source>
        <translation>Y rhediad hwn: {total} yn erbyn targed o {target}, {verdict}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The first recorded run of this deck.</source>
        <translation>Rhediad cyntaf y cyflwyniad hwn a gofnodwyd.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The one earlier run: {median}. Slides that ran long are red.</source>
        <translation>Yr un rhediad cynharach: {median}. Mae sleidiau a aeth yn hir yn goch.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Median of the %n earlier runs: {median}. Slides that ran long are red.</source>
        <translation>
            <numerusform>Canolrif y %n rhediad cynharach: {median}. Mae sleidiau a aeth yn hir yn goch.</numerusform>
            <numerusform>Canolrif y %n rhediad cynharach: {median}. Mae sleidiau a aeth yn hir yn goch.</numerusform>
            <numerusform>Canolrif y %n rhediad cynharach: {median}. Mae sleidiau a aeth yn hir yn goch.</numerusform>
            <numerusform>Canolrif y %n rhediad cynharach: {median}. Mae sleidiau a aeth yn hir yn goch.</numerusform>
            <numerusform>Canolrif y %n rhediad cynharach: {median}. Mae sleidiau a aeth yn hir yn goch.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{when}   {total} ({delta}){partial}</source>
        <translation>{when}   {total} ({delta}){partial}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>, stopped early</source>
        <translation>, wedi stopio&apos;n gynnar</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No slide has run long yet.</source>
        <translation>Does dim sleid wedi rhedeg yn hir eto.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Slide {n} · {title}: long in {times} of {runs} runs, +{over} on average</source>
        <translation>Sleid {n} · {title}: hir mewn {times} o {runs} rhediad, +{over} ar gyfartaledd</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Forget this run?</source>
        <translation>Anghofio&apos;r rhediad hwn?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forget this rehearsal run? Its times are removed from the history.</source>
        <translation>Anghofio&apos;r rhediad ymarfer hwn? Mae ei amseroedd yn cael eu tynnu o&apos;r hanes.</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <location filename="../../../ui/report/page.py" line="+131"/>
        <source>Offers</source>
        <extracomment>Said instead of the bars when there are no rows (empty: an empty plot).</extracomment>
        <translation>Cynigion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requests</source>
        <translation>Ceisiadau</translation>
    </message>
    <message>
        <location line="+134"/>
        <location line="+70"/>
        <source>Report</source>
        <translation>Adroddiad</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Adnewyddu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Save PDF…</source>
        <translation>&amp;Cadw PDF…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Event:</source>
        <translation>Digwyddiad:</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Offers and requests by category</source>
        <translation>Cynigion a cheisiadau fesul categori</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offers and requests by region</source>
        <translation>Cynigion a cheisiadau fesul rhanbarth</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No entries by region yet</source>
        <translation>Dim cofnodion fesul rhanbarth eto</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>No events yet: create one in Capture, then come back.</source>
        <translation>Dim digwyddiadau eto: crëwch un yn Cofnodi, yna dewch yn ôl.</translation>
    </message>
    <message>
        <location line="+83"/>
        <location line="+2"/>
        <source>Feedback</source>
        <translation>Adborth</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>No feedback was recorded.</source>
        <translation>Ni chofnodwyd adborth.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Choose an event first.</source>
        <translation>Dewiswch ddigwyddiad yn gyntaf.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save the report as PDF</source>
        <translation>Cadw&apos;r adroddiad fel PDF</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF files (*.pdf)</source>
        <translation>Ffeiliau PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Writing the PDF…</source>
        <translation>Wrthi&apos;n ysgrifennu&apos;r PDF…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Saved {path}</source>
        <translation>Cadwyd {path}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The PDF could not be saved ({error}). Choose another folder and try again.</source>
        <translation>Methu cadw&apos;r PDF ({error}). Dewiswch ffolder arall a rhowch gynnig arall arni.</translation>
    </message>
</context>
<context>
    <name>RoomBar</name>
    <message>
        <location filename="../../../ui/room/bar.py" line="+30"/>
        <source>Network address the phones use</source>
        <translation>Y cyfeiriad rhwydwaith y mae&apos;r ffonau&apos;n ei ddefnyddio</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Look again</source>
        <translation>Edrych eto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List this laptop&apos;s network addresses again</source>
        <translation>Rhestru cyfeiriadau rhwydwaith y gliniadur hwn eto</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Looking for this laptop&apos;s network…</source>
        <translation>Yn chwilio am rwydwaith y gliniadur hwn…</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>No network</source>
        <extracomment>True until the background look-up answers: &quot;no network&quot; is not known yet, and the usual line keeps the form below from moving when the answer comes.</extracomment>
        <translation>Dim rhwydwaith</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Close the room to phones  F8</source>
        <translation>Cau&apos;r ystafell i ffonau  F8</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the room to phones  F8</source>
        <translation>Agor yr ystafell i ffonau  F8</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Phones join at {url}</source>
        <translation>Mae ffonau&apos;n ymuno yn {url}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>offers: {offers}, requests: {requests}</source>
        <translation>cynigion: {offers}, ceisiadau: {requests}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Let the room add its own offers and requests from their phones.</source>
        <translation>Gadael i&apos;r ystafell ychwanegu ei chynigion a&apos;i cheisiadau ei hun o&apos;u ffonau.</translation>
    </message>
</context>
<context>
    <name>RoomController</name>
    <message>
        <location filename="../../../ui/room/controller.py" line="+102"/>
        <source>Choose or create the event first, then open the room.</source>
        <translation>Dewiswch neu crëwch y digwyddiad yn gyntaf, yna agorwch yr ystafell.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The room could not open on {address} ({error}). Choose another network address, or join the venue Wi-Fi again.</source>
        <translation>Nid oedd modd agor yr ystafell ar {address} ({error}). Dewiswch gyfeiriad rhwydwaith arall, neu ymunwch â Wi-Fi&apos;r lleoliad eto.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The room is open: phones on this network can add entries.</source>
        <translation>Mae&apos;r ystafell ar agor: gall ffonau ar y rhwydwaith hwn ychwanegu cofnodion.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The room is closed: its address no longer works.</source>
        <translation>Mae&apos;r ystafell ar gau: nid yw ei chyfeiriad yn gweithio mwyach.</translation>
    </message>
</context>
<context>
    <name>RunChart</name>
    <message>
        <location filename="../../../ui/report/page.py" line="-328"/>
        <source>1 event, {first} to {last}; ringed: this event</source>
        <translation>1 digwyddiad, {first} i {last}; mewn cylch: y digwyddiad hwn</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n events, {first} to {last}; ringed: this event</source>
        <translation>
            <numerusform>%n digwyddiad, {first} i {last}; mewn cylch: y digwyddiad hwn</numerusform>
            <numerusform>%n digwyddiad, {first} i {last}; mewn cylch: y digwyddiad hwn</numerusform>
            <numerusform>%n digwyddiad, {first} i {last}; mewn cylch: y digwyddiad hwn</numerusform>
            <numerusform>%n digwyddiad, {first} i {last}; mewn cylch: y digwyddiad hwn</numerusform>
            <numerusform>%n digwyddiad, {first} i {last}; mewn cylch: y digwyddiad hwn</numerusform>
        </translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Run chart: activities generated per event</source>
        <translation>Siart rhediad: gweithgareddau a grëwyd fesul digwyddiad</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>median {value}</source>
        <translation>canolrif {value}</translation>
    </message>
</context>
<context>
    <name>RunSheetModel</name>
    <message>
        <location filename="../../../ui/session/run_sheet.py" line="+71"/>
        <source>Starts</source>
        <translation>Yn dechrau</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Segment</source>
        <translation>Rhan</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Minutes</source>
        <translation>Munudau</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Projector</source>
        <translation>Taflunydd</translation>
    </message>
</context>
<context>
    <name>SessionPage</name>
    <message>
        <location line="-45"/>
        <source>Slides</source>
        <translation>Sleidiau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timer</source>
        <translation>Amserydd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Match board</source>
        <translation>Bwrdd parau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Feedback prompts</source>
        <translation>Cwestiynau adborth</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Black screen</source>
        <translation>Sgrin ddu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Join screen (phones)</source>
        <translation>Sgrin ymuno (ffonau)</translation>
    </message>
    <message>
        <location filename="../../../ui/session/page.py" line="+93"/>
        <source>Session</source>
        <translation>Sesiwn</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Next segment</source>
        <translation>Rhan nesaf</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Previous segment</source>
        <translation>Rhan flaenorol</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+499"/>
        <source>Start session</source>
        <translation>Dechrau&apos;r sesiwn</translation>
    </message>
    <message>
        <location line="-497"/>
        <source>Next segment (F6)</source>
        <translation>Rhan nesaf (F6)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Back</source>
        <translation>Yn ôl</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+546"/>
        <source>Pause</source>
        <translation>Oedi</translation>
    </message>
    <message>
        <location line="-545"/>
        <source>Reset</source>
        <translation>Ailosod</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Event:</source>
        <translation>Digwyddiad:</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Now</source>
        <translation>Nawr</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Run sheet</source>
        <translation>Taflen redeg</translation>
    </message>
    <message>
        <location line="+23"/>
        <source> min</source>
        <translation> mun</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The question on the timer, if any</source>
        <translation>Y cwestiwn ar yr amserydd, os oes un</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Edit the selected segment</source>
        <translation>Golygu&apos;r rhan a ddewiswyd</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Title</source>
        <translation>&amp;Teitl</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Length</source>
        <translation>&amp;Hyd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Projector</source>
        <translation>&amp;Taflunydd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Question</source>
        <translation>&amp;Cwestiwn</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add</source>
        <translation>Ychwanegu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>Tynnu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Up</source>
        <translation>I fyny</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Down</source>
        <translation>I lawr</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Default plan</source>
        <translation>Cynllun rhagosodedig</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Matches and feedback</source>
        <translation>Parau ac adborth</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Matches</source>
        <translation>Parau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Feedback</source>
        <translation>Adborth</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Next segment of the session</source>
        <translation>Rhan nesaf y sesiwn</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Previous segment of the session</source>
        <translation>Rhan flaenorol y sesiwn</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>(no event: practice run)</source>
        <translation>(dim digwyddiad: rhediad ymarfer)</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Planned: {total} ({count} segments)</source>
        <translation>Wedi&apos;i gynllunio: {total} ({count} rhan)</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>New segment</source>
        <translation>Rhan newydd</translation>
    </message>
    <message>
        <location line="+165"/>
        <source>Ready to start</source>
        <translation>Yn barod i ddechrau</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Planned length {total}</source>
        <translation>Hyd a gynlluniwyd {total}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Session finished</source>
        <translation>Sesiwn wedi gorffen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Took {elapsed} of {total} planned</source>
        <translation>Cymerodd {elapsed} o&apos;r {total} a gynlluniwyd</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Restart session</source>
        <translation>Ailddechrau&apos;r sesiwn</translation>
    </message>
    <message>
        <location filename="../../../ui/session/drive.py" line="+121"/>
        <source>The projector is not showing anything yet.</source>
        <extracomment>Where focus goes on the Session page itself.</extracomment>
        <translation>Dydy&apos;r taflunydd ddim yn dangos dim byd eto.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{time} left</source>
        <translation>{time} ar ôl</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{time} over</source>
        <translation>{time} dros amser</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> (not started)</source>
        <translation> (heb ddechrau)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../../ui/session/page.py" line="+1"/>
        <source> (paused)</source>
        <translation> (wedi&apos;i oedi)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> (done)</source>
        <translation> (wedi gorffen)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Room sees the timer: {step}, {left} (step {n} of {count}){state}</source>
        <translation>Mae&apos;r ystafell yn gweld yr amserydd: {step}, {left} (cam {n} o {count}){state}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Room sees slide {n} of {count}</source>
        <translation>Mae&apos;r ystafell yn gweld sleid {n} o {count}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Room sees: {text}</source>
        <translation>Mae&apos;r ystafell yn gweld: {text}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Room sees {scene}</source>
        <translation>Mae&apos;r ystafell yn gweld {scene}</translation>
    </message>
    <message>
        <location filename="../../../ui/session/page.py" line="+2"/>
        <source>{number}/{count}: {title}</source>
        <translation>{number}/{count}: {title}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Session {elapsed} of {total}</source>
        <translation>Sesiwn {elapsed} o {total}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Next: the end of the session</source>
        <translation>Nesaf: diwedd y sesiwn</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Next: {title} ({minutes} min, {screen})</source>
        <translation>Nesaf: {title} ({minutes} mun, {screen})</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Resume</source>
        <translation>Ailddechrau</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>F6 or Ctrl+Right: next segment · Shift+F6 or Ctrl+Left: back</source>
        <translation>F6 neu Ctrl+Dde: rhan nesaf · Shift+F6 neu Ctrl+Chwith: yn ôl</translation>
    </message>
</context>
<context>
    <name>SlideTimesChart</name>
    <message>
        <location filename="../../../ui/rehearse/summary.py" line="-227"/>
        <source>Slide {n}: {title}
This run {this} · target {target} · earlier median {median}</source>
        <extracomment>Within this many seconds of the plan the talk is &quot;on time&quot;.</extracomment>
        <translation>Sleid {n}: {title}
Y rhediad hwn {this} · targed {target} · canolrif cynharach {median}</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Target</source>
        <translation>Targed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This run</source>
        <translation>Y rhediad hwn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ran long</source>
        <translation>Rhedodd yn hir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Median of earlier runs</source>
        <translation>Canolrif rhediadau cynharach</translation>
    </message>
</context>
<context>
    <name>SlideView</name>
    <message>
        <location filename="../../../ui/present/slide_view.py" line="+171"/>
        <source>White screen (W to show the slide)</source>
        <translation>Sgrin wen (W i ddangos y sleid)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Black screen (B to show the slide)</source>
        <translation>Sgrin ddu (B i ddangos y sleid)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>End of the deck</source>
        <translation>Diwedd y cyflwyniad</translation>
    </message>
</context>
<context>
    <name>Stage</name>
    <message>
        <location filename="../../../ui/stage.py" line="-48"/>
        <source>the slides</source>
        <extracomment>The scenes that belong to the talk: the slide keys move the slides only while one shows.</extracomment>
        <translation>y sleidiau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the timer</source>
        <translation>yr amserydd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the match board</source>
        <translation>y bwrdd parau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the feedback prompts</source>
        <translation>y cwestiynau adborth</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a black screen</source>
        <translation>sgrin ddu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a white screen</source>
        <translation>sgrin wen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the screen numbers</source>
        <translation>rhifau&apos;r sgriniau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the segment&apos;s title</source>
        <translation>teitl y rhan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the closing thank-you</source>
        <translation>y diolch i gloi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the join screen for phones</source>
        <translation>y sgrin ymuno i ffonau</translation>
    </message>
</context>
<context>
    <name>SuggestionModel</name>
    <message>
        <location filename="../../../ui/session/match_board.py" line="-106"/>
        <source>Offer</source>
        <translation>Cynnig</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Request</source>
        <translation>Cais</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why</source>
        <translation>Pam</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Decision</source>
        <translation>Penderfyniad</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(no name)</source>
        <translation>(dim enw)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(not named on screen)</source>
        <translation>(heb ei enwi ar y sgrin)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Confirmed</source>
        <translation>Wedi&apos;i gadarnhau</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dismissed</source>
        <translation>Wedi&apos;i wrthod</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suggested</source>
        <translation>Wedi&apos;i awgrymu</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../../ui/sync/indicator.py" line="+260"/>
        <source>Enter the sync server&apos;s address in Sync settings.</source>
        <extracomment>Extra SyncClient options (tests inject a sleep that does not sleep). How the last sync ended (None before the first, and after a new token).</extracomment>
        <translation>Rhowch gyfeiriad y gweinydd cysoni yng ngosodiadau Cysoni.</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <location line="+119"/>
        <source>Sync now</source>
        <translation>Cysoni nawr</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Sync not set up</source>
        <translation>Cysoni heb ei osod</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline</source>
        <translation>All-lein</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Syncing…</source>
        <translation>Wrthi&apos;n cysoni…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Up to date</source>
        <translation>Yn gyfredol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting to sync</source>
        <translation>Yn aros i gysoni</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Needs attention</source>
        <translation>Angen sylw</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%n to send</source>
        <translation>
            <numerusform>%n i&apos;w anfon</numerusform>
            <numerusform>%n i&apos;w anfon</numerusform>
            <numerusform>%n i&apos;w anfon</numerusform>
            <numerusform>%n i&apos;w anfon</numerusform>
            <numerusform>%n i&apos;w anfon</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n refused by the server</source>
        <translation>
            <numerusform>%n wedi&apos;u gwrthod gan y gweinydd</numerusform>
            <numerusform>%n wedi&apos;i wrthod gan y gweinydd</numerusform>
            <numerusform>%n wedi&apos;u gwrthod gan y gweinydd</numerusform>
            <numerusform>%n wedi&apos;u gwrthod gan y gweinydd</numerusform>
            <numerusform>%n wedi&apos;u gwrthod gan y gweinydd</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>last sync %1</source>
        <translation>cysoni diwethaf %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Syncing… %1 of %2</source>
        <translation>Wrthi&apos;n cysoni… %1 o %2</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../../ui/sync/page.py" line="+67"/>
        <location line="+8"/>
        <source>Sync</source>
        <translation>Cysoni</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Server</source>
        <translation>Gweinydd</translation>
    </message>
    <message>
        <location line="+143"/>
        <source>1 change to send.</source>
        <translation>1 newid i&apos;w anfon.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n changes to send.</source>
        <translation>
            <numerusform>%n newid i&apos;w hanfon.</numerusform>
            <numerusform>%n newid i&apos;w hanfon.</numerusform>
            <numerusform>%n newid i&apos;w hanfon.</numerusform>
            <numerusform>%n newid i&apos;w hanfon.</numerusform>
            <numerusform>%n newid i&apos;w hanfon.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+25"/>
        <source>paste the device token the server&apos;s administrator gave you</source>
        <translation>gludwch y tocyn dyfais a roddodd gweinyddwr y gweinydd i chi</translation>
    </message>
    <message>
        <location line="-158"/>
        <source>Sync automatically when online</source>
        <translation>Cysoni&apos;n awtomatig pan fydd ar-lein</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save</source>
        <translation>Cadw</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server address</source>
        <translation>Cyfeiriad y gweinydd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device token</source>
        <translation>Tocyn y ddyfais</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Sync now</source>
        <translation>Cysoni nawr</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Needs attention</source>
        <translation>Angen sylw</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server refused these changes. They are kept here until you retry or discard them.</source>
        <translation>Gwrthododd y gweinydd y newidiadau hyn. Maen nhw&apos;n cael eu cadw yma nes i chi roi cynnig arall arni neu eu taflu.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+16"/>
        <source>When</source>
        <translation>Pryd</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+16"/>
        <source>Record</source>
        <translation>Cofnod</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Change</source>
        <translation>Newid</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why</source>
        <translation>Pam</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Retry selected</source>
        <translation>Ailgynnig y rhai a ddewiswyd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard selected…</source>
        <translation>Taflu&apos;r rhai a ddewiswyd…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Conflict log</source>
        <translation>Log gwrthdaro</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What happened</source>
        <translation>Beth ddigwyddodd</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The token is kept in the system keyring.</source>
        <translation>Mae&apos;r tocyn yn cael ei gadw yn keyring y system.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No keyring on this computer: the token is kept in memory only, so you will be asked again after restarting Hexikit.</source>
        <translation>Dim keyring ar y cyfrifiadur hwn: dim ond yn y cof y cedwir y tocyn, felly gofynnir i chi eto ar ôl ailgychwyn Hexikit.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Sync is not set up: enter the server address and token.</source>
        <translation>Dydy cysoni ddim wedi&apos;i osod: rhowch gyfeiriad y gweinydd a&apos;r tocyn.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Offline: changes wait on this laptop and are sent later.</source>
        <translation>All-lein: mae newidiadau&apos;n aros ar y gliniadur hwn ac yn cael eu hanfon yn nes ymlaen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Syncing…</source>
        <translation>Wrthi&apos;n cysoni…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changes are waiting to be sent.</source>
        <translation>Mae newidiadau&apos;n aros i gael eu hanfon.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Up to date.</source>
        <translation>Yn gyfredol.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Some changes need your attention (below).</source>
        <translation>Mae angen i chi edrych ar rai newidiadau (isod).</translation>
    </message>
    <message>
        <location line="+140"/>
        <source>Discard 1 change? It will never reach the server. This cannot be undone.</source>
        <translation>Taflu 1 newid? Ni fydd byth yn cyrraedd y gweinydd. Ni ellir dadwneud hyn.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Discard %n changes? They will never reach the server. This cannot be undone.</source>
        <translation>
            <numerusform>Taflu %n newid? Ni fyddant byth yn cyrraedd y gweinydd. Ni ellir dadwneud hyn.</numerusform>
            <numerusform>Taflu %n newid? Ni fyddant byth yn cyrraedd y gweinydd. Ni ellir dadwneud hyn.</numerusform>
            <numerusform>Taflu %n newid? Ni fyddant byth yn cyrraedd y gweinydd. Ni ellir dadwneud hyn.</numerusform>
            <numerusform>Taflu %n newid? Ni fyddant byth yn cyrraedd y gweinydd. Ni ellir dadwneud hyn.</numerusform>
            <numerusform>Taflu %n newid? Ni fyddant byth yn cyrraedd y gweinydd. Ni ellir dadwneud hyn.</numerusform>
        </translation>
    </message>
    <message>
        <location line="-126"/>
        <source>Last sync: %1.</source>
        <translation>Cysoni diwethaf: %1.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The server refused the token: paste a new one and press Save</source>
        <translation>Gwrthododd y gweinydd y tocyn: gludwch un newydd a phwyso Cadw</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Saved — type a new token to replace it</source>
        <translation>Wedi&apos;i gadw — teipiwch docyn newydd i gymryd ei le</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>✓ Token saved</source>
        <translation>✓ Tocyn wedi&apos;i gadw</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>The same person may have been typed on two laptops; both are kept.</source>
        <translation>Efallai fod yr un person wedi&apos;i deipio ar ddau liniadur; mae&apos;r ddau&apos;n cael eu cadw.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A delete met an edit from another laptop: the record was kept.</source>
        <translation>Cyfarfu dileu â golygiad o liniadur arall: cadwyd y cofnod.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An edit met a delete from another laptop: the record was kept.</source>
        <translation>Cyfarfu golygiad â dileu o liniadur arall: cadwyd y cofnod.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: kept “%2”, replaced “%3”</source>
        <translation>%1: cadwyd “%2”, disodlwyd “%3”</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Select the changes to discard first.</source>
        <translation>Dewiswch y newidiadau i&apos;w taflu yn gyntaf.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Discard changes?</source>
        <translation>Taflu&apos;r newidiadau?</translation>
    </message>
</context>
<context>
    <name>TagPicker</name>
    <message>
        <location filename="../../../ui/widgets/tag_picker.py" line="+221"/>
        <source>Remove {tag} (or press Backspace in the box)</source>
        <translation>Tynnu {tag} (neu pwyswch Backspace yn y blwch)</translation>
    </message>
</context>
<context>
    <name>TeleprompterView</name>
    <message>
        <location filename="../../../ui/rehearse/teleprompter.py" line="+109"/>
        <source>No deck is open.</source>
        <extracomment>Text height as a share of the view&apos;s height (1/12: about 6 lines on a laptop screen).</extracomment>
        <translation>Does dim cyflwyniad ar agor.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No notes.</source>
        <translation>Dim nodiadau.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Slide {n}</source>
        <translation>Sleid {n}</translation>
    </message>
</context>
<context>
    <name>TeleprompterWindow</name>
    <message>
        <location line="+133"/>
        <source>Hexikit — teleprompter</source>
        <translation>Hexikit — telebromptydd</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>scrolling</source>
        <translation>yn sgrolio</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>still</source>
        <translation>yn llonydd</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Slide {n} / {count} · {wpm} words per minute, {state} — Space: scroll · ↑/↓: faster/slower · ←/→: slides · [ ]: text size · Esc: close</source>
        <translation>Sleid {n} / {count} · {wpm} gair y funud, {state} — Bylchwr: sgrolio · ↑/↓: cyflymach/arafach · ←/→: sleidiau · [ ]: maint y testun · Esc: cau</translation>
    </message>
</context>
<context>
    <name>TimerPage</name>
    <message>
        <location filename="../../../ui/timer/page.py" line="+102"/>
        <source>Timer</source>
        <translation>Amserydd</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Space starts or pauses the timer; press ? for every key.</source>
        <translation>Mae&apos;r Bylchwr yn dechrau neu&apos;n oedi&apos;r amserydd; pwyswch ? am bob bysell.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Start / pause / resume</source>
        <translation>Dechrau / oedi / ailddechrau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One more minute</source>
        <translation>Un funud arall</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One minute less</source>
        <translation>Un funud yn llai</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>→ or N</source>
        <translation>→ neu N</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skip to the next phase</source>
        <translation>Neidio i&apos;r cam nesaf</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>← or P</source>
        <translation>← neu P</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back: restart the previous phase</source>
        <translation>Yn ôl: ailddechrau&apos;r cam blaenorol</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Repeat the cycle</source>
        <translation>Ailadrodd y cylch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset the timer</source>
        <translation>Ailosod yr amserydd</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Projector: switch slides ↔ timer</source>
        <translation>Taflunydd: newid sleidiau ↔ amserydd</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Auto-advance on/off</source>
        <translation>Symud ymlaen yn awtomatig ymlaen/i ffwrdd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mute / unmute the bells</source>
        <translation>Tewi / dad-dewi&apos;r clychau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test the bell</source>
        <translation>Profi&apos;r gloch</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>? or H</source>
        <translation>? neu H</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This help</source>
        <translation>Y cymorth hwn</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Switch slides ↔ timer</source>
        <translation>Newid sleidiau ↔ amserydd</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Plan:</source>
        <translation>Cynllun:</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+273"/>
        <source>Copy to edit</source>
        <translation>Copïo i olygu</translation>
    </message>
    <message>
        <location line="-272"/>
        <source>Delete plan</source>
        <translation>Dileu&apos;r cynllun</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+458"/>
        <source>Start (Space)</source>
        <translation>Dechrau (Bylchwr)</translation>
    </message>
    <message>
        <location line="-455"/>
        <source>−1 min (−)</source>
        <translation>−1 mun (−)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>+1 min (+)</source>
        <translation>+1 mun (+)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back (←)</source>
        <translation>Yn ôl (←)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skip (→)</source>
        <translation>Neidio (→)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repeat cycle (R)</source>
        <translation>Ailadrodd y cylch (R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset (X)</source>
        <translation>Ailosod (X)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Projector: slides ↔ timer (T)</source>
        <translation>Taflunydd: sleidiau ↔ amserydd (T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keys (?)</source>
        <translation>Bysellau (?)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Auto-advance to the next phase (A)</source>
        <translation>Symud ymlaen yn awtomatig i&apos;r cam nesaf (A)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Warning before the end (seconds):</source>
        <translation>Rhybudd cyn y diwedd (eiliadau):</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Bell volume:</source>
        <translation>Sain y gloch:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Mute the bells (M): the screen flashes instead</source>
        <translation>Tewi&apos;r clychau (M): mae&apos;r sgrin yn fflachio yn lle hynny</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Test the bell (B)</source>
        <translation>Profi&apos;r gloch (B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Welsh and English on the projector</source>
        <translation>Cymraeg a Saesneg ar y taflunydd</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>People in the room:</source>
        <translation>Pobl yn yr ystafell:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&lt;b&gt;Phases&lt;/b&gt; (double-click to edit a copy)</source>
        <translation>&lt;b&gt;Camau&lt;/b&gt; (clic dwbl i olygu copi)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Phases</source>
        <translation>Camau</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Phase</source>
        <translation>Cam</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Time</source>
        <translation>Amser</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Groups</source>
        <translation>Grwpiau</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Question</source>
        <translation>Cwestiwn</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Add phase</source>
        <translation>Ychwanegu cam</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove phase</source>
        <translation>Tynnu cam</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save plan</source>
        <translation>Cadw&apos;r cynllun</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Saved plans could not be read: {error}</source>
        <translation>Methu darllen y cynlluniau a gadwyd: {error}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source> (yours)</source>
        <translation> (eich un chi)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Some saved plans are damaged and were skipped: </source>
        <translation>Mae rhai cynlluniau a gadwyd wedi&apos;u difrodi ac fe&apos;u hepgorwyd: </translation>
    </message>
    <message>
        <location line="+59"/>
        <location line="+270"/>
        <source>Alone</source>
        <translation>Unigol</translation>
    </message>
    <message>
        <location line="-270"/>
        <location line="+270"/>
        <source>Pairs</source>
        <translation>Parau</translation>
    </message>
    <message>
        <location line="-270"/>
        <location line="+270"/>
        <source>Foursomes</source>
        <translation>Grwpiau o bedwar</translation>
    </message>
    <message>
        <location line="-269"/>
        <location line="+270"/>
        <source>All</source>
        <translation>Pawb</translation>
    </message>
    <message>
        <location line="-265"/>
        <source>Groups in phase {n}</source>
        <translation>Grwpiau yng ngham {n}</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Copy</source>
        <translation>Copi</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Phase {n}: “{text}” is not a time. Type minutes (2) or minutes:seconds (1:30).</source>
        <translation>Cam {n}: dydy “{text}” ddim yn amser. Teipiwch funudau (2) neu funudau:eiliadau (1:30).</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>The timer is running. Reset it (X) first, then change or copy the plan: changing plans starts the timer again from the top.</source>
        <translation>Mae&apos;r amserydd yn rhedeg. Ailosodwch ef (X) yn gyntaf, yna newid neu gopïo&apos;r cynllun: mae newid cynllun yn dechrau&apos;r amserydd eto o&apos;r dechrau.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source> (not saved)</source>
        <translation> (heb ei gadw)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This is your copy: edit the phases, then press Save plan.</source>
        <translation>Dyma eich copi chi: golygwch y camau, yna pwyswch Cadw&apos;r cynllun.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New phase</source>
        <translation>Cam newydd</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Saved “{name}”.</source>
        <translation>Cadwyd “{name}”.</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>the slides</source>
        <translation>y sleidiau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a black screen</source>
        <translation>sgrin ddu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a white screen</source>
        <translation>sgrin wen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The projector shows the timer. Press T to go back.</source>
        <translation>Mae&apos;r taflunydd yn dangos yr amserydd. Pwyswch T i fynd yn ôl.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The projector shows {scene}. Press T for the timer.</source>
        <translation>Mae&apos;r taflunydd yn dangos {scene}. Pwyswch T am yr amserydd.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nothing</source>
        <translation>dim byd</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(The audience window is not open yet.)</source>
        <translation>(Dydy ffenestr y gynulleidfa ddim ar agor eto.)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Pause (Space)</source>
        <translation>Oedi (Bylchwr)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume (Space)</source>
        <translation>Ailddechrau (Bylchwr)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start again (Space)</source>
        <translation>Dechrau eto (Bylchwr)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Enter the number of people to see the groups.</source>
        <translation>Rhowch nifer y bobl i weld y grwpiau.</translation>
    </message>
</context>
<context>
    <name>TimerScene</name>
    <message>
        <location filename="../../../ui/timer/scene.py" line="+193"/>
        <source>Finished: thank you!</source>
        <translation>Wedi gorffen: diolch!</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ready</source>
        <translation>Yn barod</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Time&apos;s up</source>
        <translation>Amser ar ben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time&apos;s up · {time} over</source>
        <translation>Amser ar ben · {time} dros amser</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Paused</source>
        <translation>Wedi&apos;i oedi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} seconds left</source>
        <translation>{n} eiliad ar ôl</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 second left</source>
        <translation>1 eiliad ar ôl</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>On your own, in silence: jot your ideas down</source>
        <translation>Ar eich pen eich hun, yn dawel: nodwch eich syniadau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In pairs: share and build on your ideas</source>
        <translation>Mewn parau: rhannwch eich syniadau ac adeiladu arnyn nhw</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In fours: notice similarities and differences</source>
        <translation>Mewn grwpiau o bedwar: sylwch ar bethau tebyg a gwahaniaethau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everyone together</source>
        <translation>Pawb gyda&apos;i gilydd</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Last step</source>
        <translation>Cam olaf</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next: {name} · {time}</source>
        <translation>Nesaf: {name} · {time}</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Done</source>
        <translation>Wedi gorffen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Step {n} of {count}</source>
        <translation>Cam {n} o {count}</translation>
    </message>
</context>
<context>
    <name>UserGuide</name>
    <message>
        <location filename="../../../ui/menus.py" line="-36"/>
        <source>Hexikit user guide</source>
        <translation>Canllaw defnyddwyr Hexikit</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>User guide</source>
        <translation>Canllaw defnyddwyr</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../../ui/routing.py" line="+64"/>
        <source>Slides back on the projector, where the talk left off</source>
        <translation>Y sleidiau&apos;n ôl ar y taflunydd, lle gadawodd y sgwrs</translation>
    </message>
</context>
</TS>
