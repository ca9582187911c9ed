<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>StartupFlow</name>
    <message>
        <source>Cannot open the register&apos;s data</source>
        <translation>Die Daten dieser Kasse lassen sich nicht öffnen</translation>
    </message>
    <message>
        <source>Cannot read the register&apos;s settings</source>
        <translation>Die Einstellungen der Kasse lassen sich nicht lesen</translation>
    </message>
    <message>
        <source>Cannot set up the register</source>
        <translation>Die Kasse lässt sich nicht einrichten</translation>
    </message>
    <message>
        <source>Empty catalog</source>
        <translation>Leeres Sortiment</translation>
    </message>
    <message>
        <source>This register has no products yet. Load the demo catalog (%1 products with barcodes) to try the counter?</source>
        <translation>Diese Kasse hat noch keine Artikel. Das Demo-Sortiment (%1 Artikel mit Barcodes) laden, um die Kasse auszuprobieren?</translation>
    </message>
    <message>
        <source>Load demo catalog</source>
        <translation>Demo-Sortiment laden</translation>
    </message>
    <message>
        <source>Start empty</source>
        <translation>Leer beginnen</translation>
    </message>
    <message>
        <source>Demo catalog not loaded</source>
        <translation>Demo-Sortiment nicht geladen</translation>
    </message>
    <message>
        <source>Cannot read the shift</source>
        <translation>Die Schicht lässt sich nicht lesen</translation>
    </message>
    <message>
        <source>%1

The register will close.</source>
        <translation>%1

Die Kasse wird beendet.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Point of Sale</source>
        <translation>Kasse</translation>
    </message>
    <message>
        <source>The point-of-sale counter of this register.</source>
        <translation>Die Verkaufsoberfläche dieser Kasse.</translation>
    </message>
    <message>
        <source>Keep the register&apos;s store in &lt;dir&gt;/register.db.</source>
        <translation>Die Daten der Kasse in &lt;Ordner&gt;/register.db ablegen.</translation>
    </message>
    <message>
        <source>dir</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Load the demo catalog into an empty store without asking.</source>
        <translation>Das Demo-Sortiment ohne Rückfrage in einen leeren Datenbestand laden.</translation>
    </message>
    <message>
        <source>Cannot start</source>
        <translation>Start nicht möglich</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 lässt sich nicht anlegen.</translation>
    </message>
</context>
<context>
    <name>pos::ui::AmountDialog</name>
    <message>
        <source>OK (Enter)</source>
        <translation>OK (Enter)</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>Abbrechen (Esc)</translation>
    </message>
</context>
<context>
    <name>pos::ui::Banner</name>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>pos::ui::CartModel</name>
    <message>
        <source>%1/kg</source>
        <translation>%1/kg</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Rabatt</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <source>Line discount %1, share of the order discount %2</source>
        <translation>Positionsrabatt %1, Anteil am Bonrabatt %2</translation>
    </message>
</context>
<context>
    <name>pos::ui::CashMovementDialog</name>
    <message>
        <source>Cash in</source>
        <translation>Einlage</translation>
    </message>
    <message>
        <source>Cash out</source>
        <translation>Entnahme</translation>
    </message>
    <message>
        <source>Amount put into the drawer (%1):</source>
        <translation>In die Kasse eingelegter Betrag (%1):</translation>
    </message>
    <message>
        <source>Amount taken out of the drawer (%1):</source>
        <translation>Aus der Kasse entnommener Betrag (%1):</translation>
    </message>
    <message>
        <source>Reason (for example: change from the bank):</source>
        <translation>Grund (zum Beispiel: Wechselgeld von der Bank):</translation>
    </message>
    <message>
        <source>Reason (for example: to the safe):</source>
        <translation>Grund (zum Beispiel: in den Tresor):</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
</context>
<context>
    <name>pos::ui::CounterStatusBar</name>
    <message>
        <source>Store</source>
        <translation>Filiale</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Kasse</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>Kassierer/in</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>● Offline — working locally</source>
        <translation>● Offline — arbeitet lokal</translation>
    </message>
    <message>
        <source>Sales are stored on this register only. Syncing with the central server is not set up yet.</source>
        <translation>Verkäufe werden nur auf dieser Kasse gespeichert. Der Abgleich mit dem zentralen Server ist noch nicht eingerichtet.</translation>
    </message>
    <message>
        <source>Cashier: %1</source>
        <translation>Kassierer/in: %1</translation>
    </message>
</context>
<context>
    <name>pos::ui::CounterWindow</name>
    <message>
        <source>Counter — %1 — %2</source>
        <translation>Kasse — %1 — %2</translation>
    </message>
    <message>
        <source>Scan or search</source>
        <translation>Scannen oder suchen</translation>
    </message>
    <message>
        <source>Scan a barcode, or type a name or SKU</source>
        <translation>Barcode scannen oder Name bzw. Artikelnummer eingeben</translation>
    </message>
    <message>
        <source>Cart</source>
        <translation>Warenkorb</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Line discount</source>
        <translation>Positionsrabatt</translation>
    </message>
    <message>
        <source>Order discount</source>
        <translation>Bonrabatt</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>Position löschen</translation>
    </message>
    <message>
        <source>Hold sale</source>
        <translation>Parken</translation>
    </message>
    <message>
        <source>Held sales</source>
        <translation>Geparkte Bons</translation>
    </message>
    <message>
        <source>New sale</source>
        <translation>Neuer Bon</translation>
    </message>
    <message>
        <source>PAY</source>
        <translation>BEZAHLEN</translation>
    </message>
    <message>
        <source> or </source>
        <translation> oder </translation>
    </message>
    <message>
        <source>Shortcut: %1</source>
        <translation>Tastenkürzel: %1</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Gewicht</translation>
    </message>
    <message>
        <source>Weight of %1 in kg (for example 0.250):</source>
        <translation>Gewicht von %1 in kg (zum Beispiel 0,250):</translation>
    </message>
    <message>
        <source>No open shift</source>
        <translation>Keine offene Schicht</translation>
    </message>
    <message>
        <source>Yes (Enter)</source>
        <translation>Ja (Enter)</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No (Esc)</source>
        <translation>Nein (Esc)</translation>
    </message>
    <message>
        <source>No (Enter or Esc)</source>
        <translation>Nein (Enter oder Esc)</translation>
    </message>
    <message>
        <source>Select a line in the cart first (Up/Down), then press F2.</source>
        <translation>Zuerst eine Position im Warenkorb wählen (Pfeil hoch/runter), dann F2 drücken.</translation>
    </message>
    <message>
        <source>Quantity of %1:</source>
        <translation>Menge von %1:</translation>
    </message>
    <message>
        <source>Select a line in the cart first (Up/Down), then press F3.</source>
        <translation>Zuerst eine Position im Warenkorb wählen (Pfeil hoch/runter), dann F3 drücken.</translation>
    </message>
    <message>
        <source>Discount off %1, as an amount in %2 (0 removes it):</source>
        <translation>Rabatt auf %1 als Betrag in %2 (0 entfernt ihn):</translation>
    </message>
    <message>
        <source>The cart is empty: scan something first.</source>
        <translation>Der Warenkorb ist leer: zuerst einen Artikel scannen.</translation>
    </message>
    <message>
        <source>Discount off the whole sale, as an amount in %1 (0 removes it):</source>
        <translation>Rabatt auf den ganzen Bon als Betrag in %1 (0 entfernt ihn):</translation>
    </message>
    <message>
        <source>Select a line in the cart first (Up/Down), then press Delete.</source>
        <translation>Zuerst eine Position im Warenkorb wählen (Pfeil hoch/runter), dann Entf drücken.</translation>
    </message>
    <message>
        <source>Remove %1 from the sale?</source>
        <translation>%1 aus dem Bon entfernen?</translation>
    </message>
    <message>
        <source>Removed %1.</source>
        <translation>%1 entfernt.</translation>
    </message>
    <message>
        <source>Receipt %1 completed.</source>
        <translation>Bon %1 abgeschlossen.</translation>
    </message>
    <message>
        <source>The cart is empty: there is nothing to hold.</source>
        <translation>Der Warenkorb ist leer: es gibt nichts zu parken.</translation>
    </message>
    <message>
        <source>Sale held. Press F6 to resume it.</source>
        <translation>Bon geparkt. Mit F6 wieder aufnehmen.</translation>
    </message>
    <message>
        <source>Finish or hold (F5) the current sale before resuming another.</source>
        <translation>Den aktuellen Bon erst abschließen oder parken (F5), bevor ein anderer aufgenommen wird.</translation>
    </message>
    <message>
        <source>Held sale resumed.</source>
        <translation>Geparkter Bon wieder aufgenommen.</translation>
    </message>
    <message>
        <source>Throw away the current sale? None of it is stored.</source>
        <translation>Den aktuellen Bon verwerfen? Davon wird nichts gespeichert.</translation>
    </message>
    <message>
        <source>Scan an item or type its name to start a sale.</source>
        <translation>Einen Artikel scannen oder seinen Namen eingeben, um einen Bon zu beginnen.</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde/Kundin</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Customer %1</source>
        <translation>Kundennummer %1</translation>
    </message>
    <message>
        <source>Customer removed from the sale.</source>
        <translation>Kunde/Kundin vom Bon entfernt.</translation>
    </message>
    <message>
        <source>Customer %1 is on this sale.</source>
        <translation>%1 ist diesem Bon zugeordnet.</translation>
    </message>
</context>
<context>
    <name>pos::ui::CustomerDialog</name>
    <message>
        <source>%1 · phone …%2</source>
        <translation>%1 · Tel. …%2</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde/Kundin</translation>
    </message>
    <message>
        <source>On this sale: %1</source>
        <translation>Auf diesem Bon: %1</translation>
    </message>
    <message>
        <source>Remove customer (F7)</source>
        <translation>Vom Bon entfernen (F7)</translation>
    </message>
    <message>
        <source>Search by name or phone number:</source>
        <translation>Nach Name oder Telefonnummer suchen:</translation>
    </message>
    <message>
        <source>Search customers</source>
        <translation>Kundschaft durchsuchen</translation>
    </message>
    <message>
        <source>Name, or at least 3 digits of the phone number</source>
        <translation>Name oder mindestens 3 Ziffern der Telefonnummer</translation>
    </message>
    <message>
        <source>Customers found</source>
        <translation>Gefundene Kundschaft</translation>
    </message>
    <message>
        <source>Type to search.</source>
        <translation>Zum Suchen tippen.</translation>
    </message>
    <message>
        <source>New customer… (Ctrl+N)</source>
        <translation>Neu anlegen … (Strg+N)</translation>
    </message>
    <message>
        <source>Attach to sale (Enter)</source>
        <translation>Dem Bon zuordnen (Enter)</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>Abbrechen (Esc)</translation>
    </message>
    <message>
        <source>No customer found. Ctrl+N adds a new one.</source>
        <translation>Niemand gefunden. Strg+N legt einen neuen Eintrag an.</translation>
    </message>
    <message>
        <source>Found: %1. Up/Down to choose, Enter to attach.</source>
        <translation>Gefunden: %1. Mit Auf/Ab wählen, mit Enter zuordnen.</translation>
    </message>
    <message>
        <source>Pick a customer from the list, or add a new one (Ctrl+N).</source>
        <translation>Bitte jemanden aus der Liste wählen oder neu anlegen (Strg+N).</translation>
    </message>
</context>
<context>
    <name>pos::ui::DocumentView</name>
    <message>
        <source>Print…</source>
        <translation>Drucken …</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Als PDF speichern …</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Nicht gespeichert</translation>
    </message>
    <message>
        <source>%1 could not be written to %2.</source>
        <translation>%1 ließ sich nicht nach %2 schreiben.</translation>
    </message>
</context>
<context>
    <name>pos::ui::HeldSalesDialog</name>
    <message>
        <source>Held sales</source>
        <translation>Geparkte Bons</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Bezeichnung</translation>
    </message>
    <message>
        <source>Held at</source>
        <translation>Geparkt um</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Positionen</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <source>No sales are held on this register.</source>
        <translation>Auf dieser Kasse sind keine Bons geparkt.</translation>
    </message>
    <message>
        <source>Resume (Enter)</source>
        <translation>Aufnehmen (Enter)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Schließen (Esc)</translation>
    </message>
</context>
<context>
    <name>pos::ui::KeySetupDialog</name>
    <message>
        <source>Protect this register&apos;s data</source>
        <translation>Daten dieser Kasse schützen</translation>
    </message>
    <message>
        <source>Unlock this register&apos;s data</source>
        <translation>Daten dieser Kasse entsperren</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;No system keychain answered on this computer.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;The sales data of this register is encrypted. Its key is normally kept in the system keychain, but none is running here (this is common on kiosks).&lt;/p&gt;&lt;p&gt;Instead, the key can be kept in a &lt;b&gt;key file sealed with a passphrase&lt;/b&gt; that the owner chooses. The passphrase will be asked every time the register starts. Without it the data cannot be opened by anyone — write it down and keep it safe.&lt;/p&gt;&lt;p&gt;The data is never stored unencrypted. If you would rather set up a keychain first, choose Quit.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Auf diesem Computer hat kein Systemschlüsselbund geantwortet.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Die Verkaufsdaten dieser Kasse sind verschlüsselt. Der Schlüssel liegt normalerweise im Schlüsselbund des Systems, aber hier läuft keiner (das ist bei Kiosk-Geräten üblich).&lt;/p&gt;&lt;p&gt;Stattdessen kann der Schlüssel in einer &lt;b&gt;mit einer Passphrase versiegelten Schlüsseldatei&lt;/b&gt; liegen, die der Inhaber bzw. die Inhaberin wählt. Die Passphrase wird bei jedem Start der Kasse abgefragt. Ohne sie kann niemand die Daten öffnen — schreiben Sie sie auf und bewahren Sie sie sicher auf.&lt;/p&gt;&lt;p&gt;Die Daten werden niemals unverschlüsselt gespeichert. Wenn Sie lieber zuerst einen Schlüsselbund einrichten möchten, wählen Sie Beenden.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <source>Repeat passphrase</source>
        <translation>Passphrase wiederholen</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>&amp;Wiederholen:</translation>
    </message>
    <message>
        <source>Create sealed key file</source>
        <translation>Versiegelte Schlüsseldatei anlegen</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Entsperren</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Use at least %1 characters (%2 so far). A few unrelated words make a good passphrase.</source>
        <translation>Mindestens %1 Zeichen verwenden (bisher %2). Einige voneinander unabhängige Wörter ergeben eine gute Passphrase.</translation>
    </message>
    <message>
        <source>Repeat the same passphrase in the second field.</source>
        <translation>Im zweiten Feld dieselbe Passphrase wiederholen.</translation>
    </message>
    <message>
        <source>Enter the passphrase.</source>
        <translation>Passphrase eingeben.</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;This register keeps its key in a sealed key file.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Enter the owner&apos;s passphrase to open the sales data.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Diese Kasse bewahrt ihren Schlüssel in einer versiegelten Schlüsseldatei auf.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Geben Sie die Passphrase des Inhabers bzw. der Inhaberin ein, um die Verkaufsdaten zu öffnen.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Data: %1
Key file: %2</source>
        <translation>Daten: %1
Schlüsseldatei: %2</translation>
    </message>
    <message>
        <source>Keychain said: %1</source>
        <translation>Meldung des Schlüsselbunds: %1</translation>
    </message>
</context>
<context>
    <name>pos::ui::NewCustomerDialog</name>
    <message>
        <source>New customer</source>
        <translation>Neu anlegen</translation>
    </message>
    <message>
        <source>Name (required)</source>
        <translation>Name (Pflichtfeld)</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Add customer (Enter)</source>
        <translation>Anlegen (Enter)</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>Abbrechen (Esc)</translation>
    </message>
</context>
<context>
    <name>pos::ui::OpenShiftDialog</name>
    <message>
        <source>Open shift</source>
        <translation>Schicht öffnen</translation>
    </message>
    <message>
        <source>No shift is open on this register. Count the cash in the drawer and enter the opening float (%1):</source>
        <translation>Auf dieser Kasse ist keine Schicht offen. Zählen Sie das Bargeld in der Schublade und geben Sie den Wechselgeldbestand ein (%1):</translation>
    </message>
    <message>
        <source>Cashier: %1</source>
        <translation>Kassierer/in: %1</translation>
    </message>
</context>
<context>
    <name>pos::ui::ReceiptDialog</name>
    <message>
        <source>Receipt %1</source>
        <translation>Bon %1</translation>
    </message>
    <message>
        <source>CHANGE DUE: %1</source>
        <translation>RÜCKGELD: %1</translation>
    </message>
    <message>
        <source>Change due</source>
        <translation>Rückgeld</translation>
    </message>
    <message>
        <source>New sale (Enter)</source>
        <translation>Neuer Bon (Enter)</translation>
    </message>
    <message>
        <source>Print receipt</source>
        <translation>Bon drucken</translation>
    </message>
    <message>
        <source>receipt-%1.pdf</source>
        <translation>bon-%1.pdf</translation>
    </message>
    <message>
        <source>Save receipt as PDF</source>
        <translation>Bon als PDF speichern</translation>
    </message>
    <message>
        <source>NO CHANGE DUE</source>
        <translation>KEIN RÜCKGELD</translation>
    </message>
</context>
<context>
    <name>pos::ui::ReportDialog</name>
    <message>
        <source>X report: figures so far, the shift stays open</source>
        <translation>X-Bericht: Zahlen bis jetzt, die Schicht bleibt offen</translation>
    </message>
    <message>
        <source>Shift closed. Drawer OVER by %1</source>
        <translation>Schicht geschlossen. Kasse mit %1 im PLUS</translation>
    </message>
    <message>
        <source>Shift closed. Drawer SHORT by %1</source>
        <translation>Schicht geschlossen. Kasse mit %1 im MINUS</translation>
    </message>
    <message>
        <source>Shift closed. The drawer balances</source>
        <translation>Schicht geschlossen. Die Kasse stimmt</translation>
    </message>
    <message>
        <source>Z report, shift %1</source>
        <translation>Z-Bericht, Schicht %1</translation>
    </message>
    <message>
        <source>X report, shift %1</source>
        <translation>X-Bericht, Schicht %1</translation>
    </message>
    <message>
        <source>Report summary</source>
        <translation>Zusammenfassung des Berichts</translation>
    </message>
    <message>
        <source>Z report %1</source>
        <translation>Z-Bericht %1</translation>
    </message>
    <message>
        <source>X report %1</source>
        <translation>X-Bericht %1</translation>
    </message>
    <message>
        <source>z-report-%1.pdf</source>
        <translation>z-bericht-%1.pdf</translation>
    </message>
    <message>
        <source>x-report-%1.pdf</source>
        <translation>x-bericht-%1.pdf</translation>
    </message>
    <message>
        <source>Print report</source>
        <translation>Bericht drucken</translation>
    </message>
    <message>
        <source>Save report as PDF</source>
        <translation>Bericht als PDF speichern</translation>
    </message>
    <message>
        <source>Close (Enter)</source>
        <translation>Schließen (Enter)</translation>
    </message>
</context>
<context>
    <name>pos::ui::SearchResultsList</name>
    <message>
        <source>Search results</source>
        <translation>Suchergebnisse</translation>
    </message>
    <message>
        <source>%1/kg</source>
        <translation>%1/kg</translation>
    </message>
</context>
<context>
    <name>pos::ui::ShiftFlow</name>
    <message>
        <source>Shift %1 since %2 · %3 · float %4</source>
        <translation>Schicht %1 seit %2 · %3 · Wechselgeld %4</translation>
    </message>
    <message>
        <source>A sale is in progress: complete it, hold it (F5) or throw it away (F8) before closing the shift.</source>
        <translation>Ein Bon ist offen: Bitte abschließen, parken (F5) oder verwerfen (F8), bevor die Schicht geschlossen wird.</translation>
    </message>
    <message>
        <source>Cash in recorded.</source>
        <translation>Einlage gebucht.</translation>
    </message>
    <message>
        <source>Cash out recorded.</source>
        <translation>Entnahme gebucht.</translation>
    </message>
    <message>
        <source>Close shift</source>
        <translation>Schicht schließen</translation>
    </message>
    <message>
        <source>Count the cash in the drawer and enter the total (%1):</source>
        <translation>Das Bargeld in der Kasse zählen und die Summe eingeben (%1):</translation>
    </message>
    <message>
        <source>The Z report then compares it with the cash expected in the drawer.</source>
        <translation>Der Z-Bericht vergleicht sie dann mit dem erwarteten Kassenbestand.</translation>
    </message>
    <message>
        <source>The shift is closed. Count the float for the next shift, or quit the register.</source>
        <translation>Die Schicht ist geschlossen. Das Wechselgeld für die nächste Schicht zählen oder die Kasse beenden.</translation>
    </message>
    <message>
        <source>Quit the register (Esc)</source>
        <translation>Kasse beenden (Esc)</translation>
    </message>
    <message>
        <source>Shift closed.</source>
        <translation>Schicht geschlossen.</translation>
    </message>
    <message>
        <source>Shift closed and a new shift opened.</source>
        <translation>Schicht geschlossen und neue Schicht geöffnet.</translation>
    </message>
</context>
<context>
    <name>pos::ui::ShiftMenuDialog</name>
    <message>
        <source>Shift</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Cash in</source>
        <translation>Einlage</translation>
    </message>
    <message>
        <source>Cash out</source>
        <translation>Entnahme</translation>
    </message>
    <message>
        <source>X report</source>
        <translation>X-Bericht</translation>
    </message>
    <message>
        <source>Close shift</source>
        <translation>Schicht schließen</translation>
    </message>
    <message>
        <source>Back to the sale (Esc)</source>
        <translation>Zurück zum Bon (Esc)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Shortcut: %1</source>
        <translation>Tastenkürzel: %1</translation>
    </message>
</context>
<context>
    <name>pos::ui::TenderDialog</name>
    <message>
        <source>Payment</source>
        <translation>Zahlung</translation>
    </message>
    <message>
        <source>Amount due</source>
        <translation>Zu zahlen</translation>
    </message>
    <message>
        <source>Still due</source>
        <translation>Noch offen</translation>
    </message>
    <message>
        <source>&amp;Cash handed over</source>
        <translation>&amp;Bar gegeben</translation>
    </message>
    <message>
        <source>Cash handed over</source>
        <translation>Bar gegeben</translation>
    </message>
    <message>
        <source>Add cash
Enter</source>
        <translation>Bar hinzufügen
Enter</translation>
    </message>
    <message>
        <source>Card — charge what is still due
F9</source>
        <translation>Karte — offenen Betrag belasten
F9</translation>
    </message>
    <message>
        <source>Tenders</source>
        <translation>Zahlungen</translation>
    </message>
    <message>
        <source>Remove tender</source>
        <translation>Zahlung entfernen</translation>
    </message>
    <message>
        <source>Change due</source>
        <translation>Rückgeld</translation>
    </message>
    <message>
        <source>Back to sale
Esc</source>
        <translation>Zurück zum Bon
Esc</translation>
    </message>
    <message>
        <source>Complete sale
F12</source>
        <translation>Bon abschließen
F12</translation>
    </message>
    <message>
        <source>Exact
%1</source>
        <translation>Passend
%1</translation>
    </message>
    <message>
        <source>Card   %1</source>
        <translation>Karte   %1</translation>
    </message>
    <message>
        <source>Cash   %1 handed over, %2 applied</source>
        <translation>Bar   %1 gegeben, %2 verrechnet</translation>
    </message>
    <message>
        <source>Cash   %1</source>
        <translation>Bar   %1</translation>
    </message>
    <message>
        <source>Change due: %1</source>
        <translation>Rückgeld: %1</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
</context>
<context>
    <name>pos::ui::TenderTally</name>
    <message>
        <source>Enter the amount the customer hands over.</source>
        <translation>Den Betrag eingeben, den der Kunde bzw. die Kundin gibt.</translation>
    </message>
    <message>
        <source>The sale is already paid in full.</source>
        <translation>Der Bon ist bereits vollständig bezahlt.</translation>
    </message>
</context>
<context>
    <name>pos::ui::TotalsPanel</name>
    <message>
        <source>Sale totals</source>
        <translation>Bonsummen</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Zwischensumme</translation>
    </message>
    <message>
        <source>Discounts</source>
        <translation>Rabatte</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>MwSt.</translation>
    </message>
    <message>
        <source>TOTAL</source>
        <translation>GESAMT</translation>
    </message>
    <message>
        <source>Total to pay</source>
        <translation>Zu zahlender Betrag</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde/Kundin</translation>
    </message>
</context>
</TS>
