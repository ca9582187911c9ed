<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AuditActionText</name>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="17"/>
        <source>Audit log started</source>
        <translation>Prüfprotokoll begonnen</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="18"/>
        <source>Audit log exported</source>
        <translation>Prüfprotokoll exportiert</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="19"/>
        <source>Audit export cancelled</source>
        <translation>Export des Prüfprotokolls abgebrochen</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="20"/>
        <source>Audit export failed</source>
        <translation>Export des Prüfprotokolls fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="21"/>
        <source>Integration credential set</source>
        <translation>Zugangsdaten einer Integration gesetzt</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="22"/>
        <source>Integration credential cleared</source>
        <translation>Zugangsdaten einer Integration gelöscht</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="23"/>
        <source>Integration credential used</source>
        <translation>Zugangsdaten einer Integration verwendet</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="24"/>
        <source>Store set up</source>
        <translation>Geschäft eingerichtet</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="25"/>
        <source>Signed in</source>
        <translation>Angemeldet</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="26"/>
        <source>Unlocked</source>
        <translation>Entsperrt</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="27"/>
        <source>Approver identified</source>
        <translation>Freigebende Person erkannt</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="28"/>
        <source>Sign-in failed</source>
        <translation>Anmeldung fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="29"/>
        <source>Account locked</source>
        <translation>Konto gesperrt</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="30"/>
        <source>Sign-in refused</source>
        <translation>Anmeldung abgewiesen</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="31"/>
        <source>Signed out</source>
        <translation>Abgemeldet</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="32"/>
        <source>Password changed</source>
        <translation>Passwort geändert</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="33"/>
        <source>PIN changed</source>
        <translation>PIN geändert</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="34"/>
        <source>Staff member created</source>
        <translation>Mitarbeiter angelegt</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="35"/>
        <source>Staff member deactivated</source>
        <translation>Mitarbeiter deaktiviert</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="36"/>
        <source>Staff member reactivated</source>
        <translation>Mitarbeiter reaktiviert</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="37"/>
        <source>PIN or password reset</source>
        <translation>PIN oder Passwort zurückgesetzt</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="38"/>
        <source>Role changed</source>
        <translation>Rolle geändert</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="39"/>
        <source>Stores changed</source>
        <translation>Filialen geändert</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="41"/>
        <source>Discount limit changed</source>
        <translation>Rabattgrenze geändert</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="42"/>
        <source>Role permissions changed</source>
        <translation>Rollenrechte geändert</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="43"/>
        <source>Staff change undone</source>
        <translation>Mitarbeiteränderung rückgängig gemacht</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="44"/>
        <source>Approval requested</source>
        <translation>Freigabe angefordert</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="45"/>
        <source>Approval granted</source>
        <translation>Freigabe erteilt</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="46"/>
        <source>Approval refused</source>
        <translation>Freigabe abgelehnt</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="47"/>
        <source>Approval cancelled</source>
        <translation>Freigabe zurückgezogen</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="48"/>
        <source>Approval used</source>
        <translation>Freigabe verwendet</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="49"/>
        <source>Line voided</source>
        <translation>Position storniert</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="50"/>
        <source>Sale voided</source>
        <translation>Verkauf storniert</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="51"/>
        <source>Discount over the limit</source>
        <translation>Rabatt über der Grenze</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="52"/>
        <source>Price overridden</source>
        <translation>Preis geändert</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="53"/>
        <source>Drawer opened (no sale)</source>
        <translation>Schublade geöffnet (kein Verkauf)</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="54"/>
        <source>Cash in</source>
        <translation>Einlage</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="55"/>
        <source>Cash out</source>
        <translation>Entnahme</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="56"/>
        <source>Shift opened</source>
        <translation>Schicht eröffnet</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="57"/>
        <source>Shift closed</source>
        <translation>Schicht abgeschlossen</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="58"/>
        <source>Refund</source>
        <translation>Erstattung</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="59"/>
        <source>Setting changed</source>
        <translation>Einstellung geändert</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="60"/>
        <source>Customer viewed</source>
        <translation>Kunde angesehen</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="61"/>
        <source>Customers searched</source>
        <translation>Kunden gesucht</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="62"/>
        <source>Product created</source>
        <translation>Artikel angelegt</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="63"/>
        <source>Price or cost changed</source>
        <translation>Preis oder Einstandspreis geändert</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="64"/>
        <source>Authenticator code confirmed</source>
        <translation>Authenticator-Code bestätigt</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="66"/>
        <source>Register connected to the sync server</source>
        <translation>Kasse mit dem Sync-Server verbunden</translation>
    </message>
    <message>
        <location filename="../ui/AuditActionText.cpp" line="67"/>
        <source>Changes taken from the sync server</source>
        <translation>Änderungen vom Sync-Server übernommen</translation>
    </message>
</context>
<context>
    <name>StartupFlow</name>
    <message>
        <location filename="../app/pos/StartupFlow.cpp" line="49"/>
        <location filename="../app/pos/StartupFlow.cpp" line="79"/>
        <source>Cannot open the register&apos;s data</source>
        <translation>Die Daten dieser Kasse lassen sich nicht öffnen</translation>
    </message>
    <message>
        <location filename="../app/pos/StartupFlow.cpp" line="92"/>
        <location filename="../app/pos/StartupFlow.cpp" line="168"/>
        <source>Cannot read the register&apos;s settings</source>
        <translation>Die Einstellungen der Kasse lassen sich nicht lesen</translation>
    </message>
    <message>
        <location filename="../app/pos/StartupFlow.cpp" line="103"/>
        <location filename="../app/pos/StartupFlow.cpp" line="125"/>
        <source>Cannot read the staff accounts</source>
        <translation>Die Mitarbeiterkonten lassen sich nicht lesen</translation>
    </message>
    <message>
        <location filename="../app/pos/StartupFlow.cpp" line="110"/>
        <source>Cannot open the register&apos;s audit log</source>
        <translation>Das Prüfprotokoll der Kasse lässt sich nicht öffnen</translation>
    </message>
    <message>
        <location filename="../app/pos/StartupFlow.cpp" line="111"/>
        <source>%1

Every sale, refund and sign-in is recorded in the audit log, so the counter does not run without it. The register will close.</source>
        <translation>%1

Jeder Verkauf, jede Erstattung und jede Anmeldung wird im Prüfprotokoll festgehalten, daher läuft die Kasse nicht ohne es. Die Kasse wird geschlossen.</translation>
    </message>
    <message>
        <location filename="../app/pos/StartupFlow.cpp" line="138"/>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <location filename="../app/pos/StartupFlow.cpp" line="195"/>
        <source>Demo catalog not loaded</source>
        <translation>Demo-Sortiment nicht geladen</translation>
    </message>
    <message>
        <location filename="../app/pos/StartupFlow.cpp" line="204"/>
        <source>Cannot read the shift</source>
        <translation>Die Schicht lässt sich nicht lesen</translation>
    </message>
    <message>
        <location filename="../app/pos/StartupFlow.cpp" line="50"/>
        <location filename="../app/pos/StartupFlow.cpp" line="80"/>
        <source>%1

The register will close.</source>
        <translation>%1

Die Kasse wird beendet.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/pos/main.cpp" line="62"/>
        <source>Point of Sale</source>
        <translation>Kasse</translation>
    </message>
    <message>
        <location filename="../app/pos/main.cpp" line="68"/>
        <source>The point-of-sale counter of this register.</source>
        <translation>Die Verkaufsoberfläche dieser Kasse.</translation>
    </message>
    <message>
        <location filename="../app/pos/main.cpp" line="73"/>
        <source>Keep the register&apos;s store in &lt;dir&gt;/register.db.</source>
        <translation>Die Daten der Kasse in &lt;Ordner&gt;/register.db ablegen.</translation>
    </message>
    <message>
        <location filename="../app/pos/main.cpp" line="74"/>
        <source>dir</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <location filename="../app/pos/main.cpp" line="83"/>
        <location filename="../app/pos/main.cpp" line="92"/>
        <source>Cannot start</source>
        <translation>Start nicht möglich</translation>
    </message>
    <message>
        <location filename="../app/pos/main.cpp" line="84"/>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 lässt sich nicht anlegen.</translation>
    </message>
</context>
<context>
    <name>pos::ui::AmountDialog</name>
    <message>
        <location filename="../ui/AmountDialog.cpp" line="48"/>
        <source>OK (Enter)</source>
        <translation>OK (Enter)</translation>
    </message>
    <message>
        <location filename="../ui/AmountDialog.cpp" line="51"/>
        <source>Cancel (Esc)</source>
        <translation>Abbrechen (Esc)</translation>
    </message>
</context>
<context>
    <name>pos::ui::ApprovalDialog</name>
    <message>
        <location filename="../ui/ApprovalDialog.cpp" line="52"/>
        <source>Manager approval</source>
        <translation>Freigabe durch Manager</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalDialog.cpp" line="68"/>
        <source>Cancel (Esc)</source>
        <translation>Abbrechen (Esc)</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalDialog.cpp" line="99"/>
        <source>A manager&apos;s approval is needed for this:</source>
        <translation>Hierfür ist die Freigabe eines Managers nötig:</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalDialog.cpp" line="106"/>
        <source>Amount: %1</source>
        <translation>Betrag: %1</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalDialog.cpp" line="109"/>
        <source>Asked by: %1</source>
        <translation>Angefragt von: %1</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalDialog.cpp" line="113"/>
        <source>&amp;Reason (required):</source>
        <translation>&amp;Grund (Pflichtfeld):</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalDialog.cpp" line="116"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalDialog.cpp" line="118"/>
        <source>For example: customer changed their mind</source>
        <translation>Zum Beispiel: Kunde hat es sich anders überlegt</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalDialog.cpp" line="128"/>
        <source>No manager at this register? Send the request to the approvals queue: a manager approves it from another register, and the sale carries on here.</source>
        <translation>Kein Manager an dieser Kasse? Die Anfrage in die Freigabe-Warteschlange stellen: Ein Manager gibt sie an einer anderen Kasse frei, und der Verkauf geht hier weiter.</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalDialog.cpp" line="132"/>
        <source>Send to the approvals queue</source>
        <translation>In die Freigabe-Warteschlange stellen</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalDialog.cpp" line="148"/>
        <source>A manager approves here</source>
        <translation>Ein Manager gibt hier frei</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalDialog.cpp" line="153"/>
        <source>Manager&apos;s user &amp;code:</source>
        <translation>Benutzer&amp;nummer des Managers:</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalDialog.cpp" line="156"/>
        <source>Manager&apos;s user code</source>
        <translation>Benutzernummer des Managers</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalDialog.cpp" line="163"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalDialog.cpp" line="165"/>
        <location filename="../ui/ApprovalDialog.cpp" line="188"/>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalDialog.cpp" line="187"/>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalDialog.cpp" line="190"/>
        <source>Code from the authenticator app (&amp;owners):</source>
        <translation>Authenticator-Code (für &amp;Inhaber):</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalDialog.cpp" line="192"/>
        <source>Code from the authenticator app</source>
        <translation>Authenticator-Code</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalDialog.cpp" line="199"/>
        <source>Approve</source>
        <translation>Freigeben</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalDialog.cpp" line="268"/>
        <source>Type the manager&apos;s user code first.</source>
        <translation>Zuerst die Benutzernummer des Managers eingeben.</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalDialog.cpp" line="277"/>
        <source>Type the manager&apos;s PIN.</source>
        <translation>PIN des Managers eingeben.</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalDialog.cpp" line="277"/>
        <source>Type the manager&apos;s password.</source>
        <translation>Passwort des Managers eingeben.</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalDialog.cpp" line="304"/>
        <source>Waiting in the approvals queue for a manager (until %1)…</source>
        <translation>Wartet in der Freigabe-Warteschlange auf einen Manager (bis %1) …</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalDialog.cpp" line="330"/>
        <source>%1 refused the request.</source>
        <translation>%1 hat die Anfrage abgelehnt.</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalDialog.cpp" line="331"/>
        <source>%1 refused the request: %2</source>
        <translation>%1 hat die Anfrage abgelehnt: %2</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalDialog.cpp" line="334"/>
        <source>The request expired after 5 minutes without an approval. Ask again.</source>
        <translation>Die Anfrage ist nach 5 Minuten ohne Freigabe abgelaufen. Bitte erneut anfragen.</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalDialog.cpp" line="338"/>
        <source>The request is no longer open. Ask again.</source>
        <translation>Die Anfrage ist nicht mehr offen. Bitte erneut anfragen.</translation>
    </message>
</context>
<context>
    <name>pos::ui::ApprovalFlow</name>
    <message>
        <location filename="../ui/ApprovalFlow.cpp" line="25"/>
        <source>Nothing was changed: it needs a manager&apos;s approval.</source>
        <translation>Es wurde nichts geändert: Dafür ist die Freigabe eines Managers nötig.</translation>
    </message>
</context>
<context>
    <name>pos::ui::ApprovalsQueueDialog</name>
    <message>
        <location filename="../ui/ApprovalsQueueDialog.cpp" line="31"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalsQueueDialog.cpp" line="32"/>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalsQueueDialog.cpp" line="43"/>
        <source>Approvals queue</source>
        <translation>Freigabe-Warteschlange</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalsQueueDialog.cpp" line="48"/>
        <source>Requests from the registers of this store that wait for a manager. A request expires 5 minutes after it was made; nobody approves their own.</source>
        <translation>Anfragen der Kassen dieser Filiale, die auf einen Manager warten. Eine Anfrage läuft 5 Minuten nach dem Stellen ab; niemand gibt eigene Anfragen frei.</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalsQueueDialog.cpp" line="55"/>
        <source>Pending requests</source>
        <translation>Offene Anfragen</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalsQueueDialog.cpp" line="56"/>
        <source>Asked by</source>
        <translation>Angefragt von</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalsQueueDialog.cpp" line="56"/>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalsQueueDialog.cpp" line="56"/>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalsQueueDialog.cpp" line="56"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalsQueueDialog.cpp" line="57"/>
        <source>Register</source>
        <translation>Kasse</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalsQueueDialog.cpp" line="57"/>
        <source>Waiting</source>
        <translation>Wartet seit</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalsQueueDialog.cpp" line="57"/>
        <source>Expires in</source>
        <translation>Läuft ab in</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalsQueueDialog.cpp" line="68"/>
        <source>&amp;Note for a refusal:</source>
        <translation>&amp;Hinweis zur Ablehnung:</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalsQueueDialog.cpp" line="71"/>
        <source>Note for a refusal</source>
        <translation>Hinweis zur Ablehnung</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalsQueueDialog.cpp" line="78"/>
        <source>No request is waiting.</source>
        <translation>Keine Anfrage wartet.</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalsQueueDialog.cpp" line="90"/>
        <source>Approve</source>
        <translation>Freigeben</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalsQueueDialog.cpp" line="93"/>
        <source>Refuse</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalsQueueDialog.cpp" line="96"/>
        <source>Refresh (F5)</source>
        <translation>Aktualisieren (F5)</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalsQueueDialog.cpp" line="98"/>
        <source>Close (Esc)</source>
        <translation>Schließen (Esc)</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalsQueueDialog.cpp" line="162"/>
        <source>this one</source>
        <translation>diese</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalsQueueDialog.cpp" line="162"/>
        <source>another</source>
        <translation>andere</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalsQueueDialog.cpp" line="201"/>
        <source>Approved: %1 for %2 (%3).</source>
        <translation>Freigegeben: %1 für %2 (%3).</translation>
    </message>
    <message>
        <location filename="../ui/ApprovalsQueueDialog.cpp" line="221"/>
        <source>Refused: %1 for %2.</source>
        <translation>Abgelehnt: %1 für %2.</translation>
    </message>
</context>
<context>
    <name>pos::ui::AuditDetailPane</name>
    <message>
        <location filename="../ui/AuditDetailPane.cpp" line="41"/>
        <source>The chain check found this row damaged: what it shows may not be what was recorded.</source>
        <translation>Die Kettenprüfung hat diese Zeile als beschädigt erkannt: Was sie zeigt, ist möglicherweise nicht das, was aufgezeichnet wurde.</translation>
    </message>
    <message>
        <location filename="../ui/AuditDetailPane.cpp" line="76"/>
        <source>&amp;Before</source>
        <translation>&amp;Vorher</translation>
    </message>
    <message>
        <location filename="../ui/AuditDetailPane.cpp" line="77"/>
        <source>A&amp;fter</source>
        <translation>&amp;Nachher</translation>
    </message>
    <message>
        <location filename="../ui/AuditDetailPane.cpp" line="85"/>
        <source>Choose a row above and press Enter to see what changed.</source>
        <translation>Wählen Sie oben eine Zeile und drücken Sie Enter, um zu sehen, was sich geändert hat.</translation>
    </message>
    <message>
        <location filename="../ui/AuditDetailPane.cpp" line="101"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location filename="../ui/AuditDetailPane.cpp" line="101"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../ui/AuditDetailPane.cpp" line="102"/>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <location filename="../ui/AuditDetailPane.cpp" line="104"/>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <location filename="../ui/AuditDetailPane.cpp" line="105"/>
        <source>%1 (UTC %2)</source>
        <translation>%1 (UTC %2)</translation>
    </message>
    <message>
        <location filename="../ui/AuditDetailPane.cpp" line="106"/>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <location filename="../ui/AuditDetailPane.cpp" line="108"/>
        <source>Approved by</source>
        <translation>Freigegeben von</translation>
    </message>
    <message>
        <location filename="../ui/AuditDetailPane.cpp" line="109"/>
        <source>Register</source>
        <translation>Kasse</translation>
    </message>
    <message>
        <location filename="../ui/AuditDetailPane.cpp" line="109"/>
        <source>%1, row %2 of its chain</source>
        <translation>%1, Zeile %2 ihrer Kette</translation>
    </message>
    <message>
        <location filename="../ui/AuditDetailPane.cpp" line="112"/>
        <source>Written by</source>
        <translation>Geschrieben von</translation>
    </message>
    <message>
        <location filename="../ui/AuditDetailPane.cpp" line="113"/>
        <source>version %1 on %2</source>
        <translation>Version %1 auf %2</translation>
    </message>
    <message>
        <location filename="../ui/AuditDetailPane.cpp" line="114"/>
        <source>Row hash</source>
        <translation>Zeilen-Hash</translation>
    </message>
    <message>
        <location filename="../ui/AuditDetailPane.cpp" line="121"/>
        <source>Nothing was there before: the row records what was made.</source>
        <translation>Vorher war nichts da: Die Zeile hält fest, was angelegt wurde.</translation>
    </message>
    <message>
        <location filename="../ui/AuditDetailPane.cpp" line="123"/>
        <source>No recorded value changed.</source>
        <translation>Kein aufgezeichneter Wert hat sich geändert.</translation>
    </message>
    <message>
        <location filename="../ui/AuditDetailPane.cpp" line="125"/>
        <source>Changed (highlighted): %1</source>
        <translation>Geändert (hervorgehoben): %1</translation>
    </message>
</context>
<context>
    <name>pos::ui::AuditExportDialog</name>
    <message>
        <location filename="../ui/AuditExportDialog.cpp" line="39"/>
        <source>Export the audit log</source>
        <translation>Prüfprotokoll exportieren</translation>
    </message>
    <message>
        <location filename="../ui/AuditExportDialog.cpp" line="42"/>
        <source>Writes every row of this store&apos;s audit log to two files: a bundle (.posaudit) that anyone can check with nothing but the file, and a table (.csv) for people. The export is itself recorded in the log.</source>
        <translation>Schreibt jede Zeile des Prüfprotokolls dieses Geschäfts in zwei Dateien: ein Paket (.posaudit), das jeder allein mit der Datei prüfen kann, und eine Tabelle (.csv) für Menschen. Der Export wird selbst im Protokoll festgehalten.</translation>
    </message>
    <message>
        <location filename="../ui/AuditExportDialog.cpp" line="50"/>
        <source>Folder for the files</source>
        <translation>Ordner für die Dateien</translation>
    </message>
    <message>
        <location filename="../ui/AuditExportDialog.cpp" line="52"/>
        <source>C&amp;hoose…</source>
        <translation>Aus&amp;wählen…</translation>
    </message>
    <message>
        <location filename="../ui/AuditExportDialog.cpp" line="55"/>
        <source>&amp;Folder:</source>
        <translation>&amp;Ordner:</translation>
    </message>
    <message>
        <location filename="../ui/AuditExportDialog.cpp" line="63"/>
        <source>Code from your authenticator app</source>
        <translation>Code aus Ihrer Authenticator-App</translation>
    </message>
    <message>
        <location filename="../ui/AuditExportDialog.cpp" line="69"/>
        <source>&amp;Code from your authenticator app:</source>
        <translation>&amp;Code aus Ihrer Authenticator-App:</translation>
    </message>
    <message>
        <location filename="../ui/AuditExportDialog.cpp" line="78"/>
        <source>Export progress</source>
        <translation>Fortschritt des Exports</translation>
    </message>
    <message>
        <location filename="../ui/AuditExportDialog.cpp" line="85"/>
        <source>Export (Enter)</source>
        <translation>Exportieren (Enter)</translation>
    </message>
    <message>
        <location filename="../ui/AuditExportDialog.cpp" line="88"/>
        <source>Cancel (Esc)</source>
        <translation>Abbrechen (Esc)</translation>
    </message>
    <message>
        <location filename="../ui/AuditExportDialog.cpp" line="107"/>
        <source>Folder for the audit export</source>
        <translation>Ordner für den Export des Prüfprotokolls</translation>
    </message>
    <message>
        <location filename="../ui/AuditExportDialog.cpp" line="139"/>
        <source>Choose a folder that exists for the files.</source>
        <translation>Wählen Sie einen vorhandenen Ordner für die Dateien.</translation>
    </message>
    <message>
        <location filename="../ui/AuditExportDialog.cpp" line="144"/>
        <source>Type the code from your authenticator app.</source>
        <translation>Geben Sie den Code aus Ihrer Authenticator-App ein.</translation>
    </message>
    <message>
        <location filename="../ui/AuditExportDialog.cpp" line="159"/>
        <source>Replace the files?</source>
        <translation>Dateien ersetzen?</translation>
    </message>
    <message>
        <location filename="../ui/AuditExportDialog.cpp" line="160"/>
        <source>These files are there already:
%1
Replace them?</source>
        <translation>Diese Dateien gibt es schon:
%1
Ersetzen?</translation>
    </message>
    <message>
        <location filename="../ui/AuditExportDialog.cpp" line="178"/>
        <source>The export was cancelled. No files were written.</source>
        <translation>Der Export wurde abgebrochen. Es wurden keine Dateien geschrieben.</translation>
    </message>
</context>
<context>
    <name>pos::ui::AuditRowModel</name>
    <message>
        <location filename="../ui/AuditRowModel.cpp" line="114"/>
        <source>The register itself</source>
        <translation>Die Kasse selbst</translation>
    </message>
    <message>
        <location filename="../ui/AuditRowModel.cpp" line="115"/>
        <location filename="../ui/AuditRowModel.cpp" line="122"/>
        <source>User #%1</source>
        <translation>Benutzer Nr. %1</translation>
    </message>
    <message>
        <location filename="../ui/AuditRowModel.cpp" line="155"/>
        <source>The chain check found this row damaged.</source>
        <translation>Die Kettenprüfung hat diese Zeile als beschädigt erkannt.</translation>
    </message>
    <message>
        <location filename="../ui/AuditRowModel.cpp" line="159"/>
        <source>%1 (UTC)</source>
        <translation>%1 (UTC)</translation>
    </message>
    <message>
        <location filename="../ui/AuditRowModel.cpp" line="161"/>
        <source>Register %1, row %2</source>
        <translation>Kasse %1, Zeile %2</translation>
    </message>
    <message>
        <location filename="../ui/AuditRowModel.cpp" line="163"/>
        <location filename="../ui/AuditRowModel.cpp" line="165"/>
        <source>User id %1</source>
        <translation>Benutzer-ID %1</translation>
    </message>
    <message>
        <location filename="../ui/AuditRowModel.cpp" line="183"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../ui/AuditRowModel.cpp" line="185"/>
        <source>Register</source>
        <translation>Kasse</translation>
    </message>
    <message>
        <location filename="../ui/AuditRowModel.cpp" line="187"/>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <location filename="../ui/AuditRowModel.cpp" line="189"/>
        <source>Approved by</source>
        <translation>Freigegeben von</translation>
    </message>
    <message>
        <location filename="../ui/AuditRowModel.cpp" line="191"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location filename="../ui/AuditRowModel.cpp" line="193"/>
        <source>What</source>
        <translation>Was</translation>
    </message>
</context>
<context>
    <name>pos::ui::AuditVerifyBadge</name>
    <message>
        <location filename="../ui/AuditVerifyBadge.cpp" line="44"/>
        <source>Checking the audit log</source>
        <translation>Prüfprotokoll wird geprüft</translation>
    </message>
    <message>
        <location filename="../ui/AuditVerifyBadge.cpp" line="87"/>
        <source>Checking that the audit log is intact: %1 rows…</source>
        <translation>Prüfe, ob das Prüfprotokoll unversehrt ist: %1 Zeilen…</translation>
    </message>
    <message>
        <location filename="../ui/AuditVerifyBadge.cpp" line="124"/>
        <location filename="../ui/AuditVerifyBadge.cpp" line="148"/>
        <source>The audit log could not be checked: %1</source>
        <translation>Das Prüfprotokoll konnte nicht geprüft werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/AuditVerifyBadge.cpp" line="133"/>
        <source>Checking that the audit log is intact: %1 of %2 rows…</source>
        <translation>Prüfe, ob das Prüfprotokoll unversehrt ist: %1 von %2 Zeilen…</translation>
    </message>
    <message>
        <location filename="../ui/AuditVerifyBadge.cpp" line="160"/>
        <source>%1: key %2</source>
        <translation>%1: Schlüssel %2</translation>
    </message>
    <message>
        <location filename="../ui/AuditVerifyBadge.cpp" line="165"/>
        <source>The audit log is empty: there is nothing to check yet.</source>
        <translation>Das Prüfprotokoll ist leer: Es gibt noch nichts zu prüfen.</translation>
    </message>
    <message>
        <location filename="../ui/AuditVerifyBadge.cpp" line="176"/>
        <source>Verified: all %1 rows are intact and signed by this register (key %2)</source>
        <translation>Geprüft: alle %1 Zeilen sind unversehrt und von dieser Kasse signiert (Schlüssel %2)</translation>
    </message>
    <message>
        <location filename="../ui/AuditVerifyBadge.cpp" line="178"/>
        <source>Verified: all %1 rows are intact and signed by the key in the chain&apos;s first row (key %2)</source>
        <translation>Geprüft: alle %1 Zeilen sind unversehrt und mit dem Schlüssel aus der ersten Zeile der Kette signiert (Schlüssel %2)</translation>
    </message>
    <message>
        <location filename="../ui/AuditVerifyBadge.cpp" line="184"/>
        <source>Damaged at row %1: %2 — %3</source>
        <translation>Beschädigt bei Zeile %1: %2 — %3</translation>
    </message>
    <message>
        <location filename="../ui/AuditVerifyBadge.cpp" line="187"/>
        <source>Damaged: %1 — %2</source>
        <translation>Beschädigt: %1 — %2</translation>
    </message>
    <message>
        <location filename="../ui/AuditVerifyBadge.cpp" line="189"/>
        <source>The row before it is intact.</source>
        <translation>Die Zeile davor ist unversehrt.</translation>
    </message>
    <message>
        <location filename="../ui/AuditVerifyBadge.cpp" line="192"/>
        <source>The %1 rows before it are intact.</source>
        <translation>Die %1 Zeilen davor sind unversehrt.</translation>
    </message>
    <message>
        <location filename="../ui/AuditVerifyBadge.cpp" line="197"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>pos::ui::AuditViewerWindow</name>
    <message>
        <location filename="../ui/AuditViewerWindow.cpp" line="74"/>
        <source>Audit log</source>
        <translation>Prüfprotokoll</translation>
    </message>
    <message>
        <location filename="../ui/AuditViewerWindow.cpp" line="91"/>
        <source>Audit rows</source>
        <translation>Protokollzeilen</translation>
    </message>
    <message>
        <location filename="../ui/AuditViewerWindow.cpp" line="120"/>
        <source>&amp;Export… (Ctrl+E)</source>
        <translation>&amp;Exportieren… (Strg+E)</translation>
    </message>
    <message>
        <location filename="../ui/AuditViewerWindow.cpp" line="126"/>
        <source>All registers (from the &amp;server)… (Ctrl+Shift+S)</source>
        <translation>Alle Kassen (vom &amp;Server)… (Strg+Umschalt+S)</translation>
    </message>
    <message>
        <location filename="../ui/AuditViewerWindow.cpp" line="130"/>
        <source>The audit logs of every register of your stores as the sync server holds them, each checked here with that register&apos;s key</source>
        <translation>Die Prüfprotokolle aller Kassen Ihrer Filialen, wie der Sync-Server sie hält, jedes hier mit dem Schlüssel seiner Kasse geprüft</translation>
    </message>
    <message>
        <location filename="../ui/AuditViewerWindow.cpp" line="134"/>
        <source>Close (Esc)</source>
        <translation>Schließen (Esc)</translation>
    </message>
    <message>
        <location filename="../ui/AuditViewerWindow.cpp" line="183"/>
        <source>Any time</source>
        <translation>Jederzeit</translation>
    </message>
    <message>
        <location filename="../ui/AuditViewerWindow.cpp" line="183"/>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <location filename="../ui/AuditViewerWindow.cpp" line="183"/>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <location filename="../ui/AuditViewerWindow.cpp" line="183"/>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <location filename="../ui/AuditViewerWindow.cpp" line="183"/>
        <source>Chosen range</source>
        <translation>Gewählter Zeitraum</translation>
    </message>
    <message>
        <location filename="../ui/AuditViewerWindow.cpp" line="186"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location filename="../ui/AuditViewerWindow.cpp" line="189"/>
        <source>Until</source>
        <translation>Bis</translation>
    </message>
    <message>
        <location filename="../ui/AuditViewerWindow.cpp" line="200"/>
        <source>e.g. user:12 or sale: (Ctrl+F)</source>
        <translation>z. B. user:12 oder sale: (Strg+F)</translation>
    </message>
    <message>
        <location filename="../ui/AuditViewerWindow.cpp" line="202"/>
        <source>What (the entity, or the start of it)</source>
        <translation>Was (das Objekt oder sein Anfang)</translation>
    </message>
    <message>
        <location filename="../ui/AuditViewerWindow.cpp" line="203"/>
        <source>E&amp;xactly</source>
        <translation>&amp;Genau</translation>
    </message>
    <message>
        <location filename="../ui/AuditViewerWindow.cpp" line="205"/>
        <source>Only this entity, not every entity that starts with the text</source>
        <translation>Nur dieses Objekt, nicht jedes, das mit dem Text beginnt</translation>
    </message>
    <message>
        <location filename="../ui/AuditViewerWindow.cpp" line="210"/>
        <source>Newest first</source>
        <translation>Neueste zuerst</translation>
    </message>
    <message>
        <location filename="../ui/AuditViewerWindow.cpp" line="210"/>
        <source>Oldest first</source>
        <translation>Älteste zuerst</translation>
    </message>
    <message>
        <location filename="../ui/AuditViewerWindow.cpp" line="214"/>
        <source>&amp;Time:</source>
        <translation>&amp;Zeit:</translation>
    </message>
    <message>
        <location filename="../ui/AuditViewerWindow.cpp" line="216"/>
        <source>&amp;From:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <location filename="../ui/AuditViewerWindow.cpp" line="218"/>
        <source>&amp;Until:</source>
        <translation>&amp;Bis:</translation>
    </message>
    <message>
        <location filename="../ui/AuditViewerWindow.cpp" line="220"/>
        <source>&amp;Who:</source>
        <translation>&amp;Wer:</translation>
    </message>
    <message>
        <location filename="../ui/AuditViewerWindow.cpp" line="222"/>
        <source>A&amp;ction:</source>
        <translation>A&amp;ktion:</translation>
    </message>
    <message>
        <location filename="../ui/AuditViewerWindow.cpp" line="224"/>
        <source>W&amp;hat:</source>
        <translation>W&amp;as:</translation>
    </message>
    <message>
        <location filename="../ui/AuditViewerWindow.cpp" line="229"/>
        <source>&amp;Register:</source>
        <translation>&amp;Kasse:</translation>
    </message>
    <message>
        <location filename="../ui/AuditViewerWindow.cpp" line="231"/>
        <source>&amp;Order:</source>
        <translation>&amp;Reihenfolge:</translation>
    </message>
    <message>
        <location filename="../ui/AuditViewerWindow.cpp" line="262"/>
        <source>Anyone</source>
        <translation>Alle Personen</translation>
    </message>
    <message>
        <location filename="../ui/AuditViewerWindow.cpp" line="264"/>
        <source>Any action</source>
        <translation>Jede Aktion</translation>
    </message>
    <message>
        <location filename="../ui/AuditViewerWindow.cpp" line="266"/>
        <source>All registers</source>
        <translation>Alle Kassen</translation>
    </message>
    <message>
        <location filename="../ui/AuditViewerWindow.cpp" line="270"/>
        <source>The register itself</source>
        <translation>Die Kasse selbst</translation>
    </message>
    <message>
        <location filename="../ui/AuditViewerWindow.cpp" line="272"/>
        <source>User #%1</source>
        <translation>Benutzer Nr. %1</translation>
    </message>
    <message>
        <location filename="../ui/AuditViewerWindow.cpp" line="274"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../ui/AuditViewerWindow.cpp" line="377"/>
        <source>No rows match these filters.</source>
        <translation>Keine Zeilen passen zu diesen Filtern.</translation>
    </message>
    <message>
        <location filename="../ui/AuditViewerWindow.cpp" line="379"/>
        <source>1 row matches.</source>
        <translation>1 Zeile passt.</translation>
    </message>
    <message>
        <location filename="../ui/AuditViewerWindow.cpp" line="381"/>
        <source>%1 rows match, newest first.</source>
        <translation>%1 Zeilen passen, neueste zuerst.</translation>
    </message>
    <message>
        <location filename="../ui/AuditViewerWindow.cpp" line="383"/>
        <source>%1 rows match, oldest first.</source>
        <translation>%1 Zeilen passen, älteste zuerst.</translation>
    </message>
    <message>
        <location filename="../ui/AuditViewerWindow.cpp" line="429"/>
        <source>Exported %1 rows to %2 and %3.</source>
        <translation>%1 Zeilen nach %2 und %3 exportiert.</translation>
    </message>
</context>
<context>
    <name>pos::ui::Banner</name>
    <message>
        <location filename="../ui/Banner.cpp" line="11"/>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>pos::ui::CartModel</name>
    <message>
        <location filename="../ui/CartModel.cpp" line="40"/>
        <source>%1/kg</source>
        <translation>%1/kg</translation>
    </message>
    <message>
        <location filename="../ui/CartModel.cpp" line="94"/>
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <location filename="../ui/CartModel.cpp" line="96"/>
        <source>Qty</source>
        <translation>Menge</translation>
    </message>
    <message>
        <location filename="../ui/CartModel.cpp" line="98"/>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <location filename="../ui/CartModel.cpp" line="100"/>
        <source>Discount</source>
        <translation>Rabatt</translation>
    </message>
    <message>
        <location filename="../ui/CartModel.cpp" line="102"/>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <location filename="../ui/CartModel.cpp" line="72"/>
        <source>Line discount %1, share of the order discount %2</source>
        <translation>Positionsrabatt %1, Anteil am Bonrabatt %2</translation>
    </message>
</context>
<context>
    <name>pos::ui::CashMovementDialog</name>
    <message>
        <location filename="../ui/CashMovementDialog.cpp" line="14"/>
        <source>Cash in</source>
        <translation>Einlage</translation>
    </message>
    <message>
        <location filename="../ui/CashMovementDialog.cpp" line="14"/>
        <source>Cash out</source>
        <translation>Entnahme</translation>
    </message>
    <message>
        <location filename="../ui/CashMovementDialog.cpp" line="15"/>
        <source>Amount put into the drawer (%1):</source>
        <translation>In die Kasse eingelegter Betrag (%1):</translation>
    </message>
    <message>
        <location filename="../ui/CashMovementDialog.cpp" line="16"/>
        <source>Amount taken out of the drawer (%1):</source>
        <translation>Aus der Kasse entnommener Betrag (%1):</translation>
    </message>
    <message>
        <location filename="../ui/CashMovementDialog.cpp" line="35"/>
        <source>Reason (for example: change from the bank):</source>
        <translation>Grund (zum Beispiel: Wechselgeld von der Bank):</translation>
    </message>
    <message>
        <location filename="../ui/CashMovementDialog.cpp" line="36"/>
        <source>Reason (for example: to the safe):</source>
        <translation>Grund (zum Beispiel: in den Tresor):</translation>
    </message>
    <message>
        <location filename="../ui/CashMovementDialog.cpp" line="40"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
</context>
<context>
    <name>pos::ui::CounterMenus</name>
    <message>
        <location filename="../ui/CounterMenus.cpp" line="111"/>
        <source>&amp;Sale</source>
        <translation>&amp;Verkauf</translation>
    </message>
    <message>
        <location filename="../ui/CounterMenus.cpp" line="112"/>
        <source>&amp;Return or refund…</source>
        <translation>&amp;Rückgabe oder Erstattung …</translation>
    </message>
    <message>
        <location filename="../ui/CounterMenus.cpp" line="114"/>
        <source>&amp;Price of the line…</source>
        <translation>&amp;Preis der Position …</translation>
    </message>
    <message>
        <location filename="../ui/CounterMenus.cpp" line="116"/>
        <source>&amp;No sale (open the drawer)…</source>
        <translation>&amp;Kein Verkauf (Schublade öffnen) …</translation>
    </message>
    <message>
        <location filename="../ui/CounterMenus.cpp" line="119"/>
        <source>&amp;Back office</source>
        <translation>Ver&amp;waltung</translation>
    </message>
    <message>
        <location filename="../ui/CounterMenus.cpp" line="120"/>
        <source>&amp;Approvals queue…</source>
        <translation>&amp;Freigabe-Warteschlange …</translation>
    </message>
    <message>
        <location filename="../ui/CounterMenus.cpp" line="122"/>
        <source>&amp;Reports…</source>
        <translation>&amp;Berichte …</translation>
    </message>
    <message>
        <location filename="../ui/CounterMenus.cpp" line="124"/>
        <source>S&amp;taff…</source>
        <translation>&amp;Personal …</translation>
    </message>
    <message>
        <location filename="../ui/CounterMenus.cpp" line="125"/>
        <source>A&amp;udit log…</source>
        <translation>Prüf&amp;protokoll…</translation>
    </message>
    <message>
        <location filename="../ui/CounterMenus.cpp" line="127"/>
        <source>S&amp;ync…</source>
        <translation>S&amp;ynchronisation…</translation>
    </message>
    <message>
        <location filename="../ui/CounterMenus.cpp" line="130"/>
        <source>Se&amp;ttings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <location filename="../ui/CounterMenus.cpp" line="131"/>
        <source>&amp;Roles and permissions…</source>
        <translation>&amp;Rollen und Berechtigungen …</translation>
    </message>
    <message>
        <location filename="../ui/CounterMenus.cpp" line="132"/>
        <source>Register &amp;settings…</source>
        <translation>&amp;Kasseneinstellungen …</translation>
    </message>
    <message>
        <location filename="../ui/CounterMenus.cpp" line="133"/>
        <source>&amp;Integrations…</source>
        <translation>&amp;Integrationen…</translation>
    </message>
    <message>
        <location filename="../ui/CounterMenus.cpp" line="134"/>
        <source>&amp;Connect to sync server…</source>
        <translation>Mit Sync-Server &amp;verbinden…</translation>
    </message>
</context>
<context>
    <name>pos::ui::CounterStatusBar</name>
    <message>
        <location filename="../ui/CounterStatusBar.cpp" line="13"/>
        <source>Store</source>
        <translation>Filiale</translation>
    </message>
    <message>
        <location filename="../ui/CounterStatusBar.cpp" line="14"/>
        <source>Register</source>
        <translation>Kasse</translation>
    </message>
    <message>
        <location filename="../ui/CounterStatusBar.cpp" line="15"/>
        <source>Cashier</source>
        <translation>Kassierer/in</translation>
    </message>
    <message>
        <location filename="../ui/CounterStatusBar.cpp" line="16"/>
        <source>Shift</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="vanished">Verbindung</translation>
    </message>
    <message>
        <source>● Offline — working locally</source>
        <translation type="vanished">● Offline — arbeitet lokal</translation>
    </message>
    <message>
        <source>Sales are stored on this register only. Syncing with the central server is not set up yet.</source>
        <translation type="vanished">Verkäufe werden nur auf dieser Kasse gespeichert. Der Abgleich mit dem zentralen Server ist noch nicht eingerichtet.</translation>
    </message>
    <message>
        <location filename="../ui/CounterStatusBar.cpp" line="46"/>
        <source>Cashier: %1</source>
        <translation>Kassierer/in: %1</translation>
    </message>
</context>
<context>
    <name>pos::ui::CounterWindow</name>
    <message>
        <location filename="../ui/CounterWindow.cpp" line="42"/>
        <source>Counter — %1 — %2</source>
        <translation>Kasse — %1 — %2</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindow.cpp" line="62"/>
        <source>Scan or search</source>
        <translation>Scannen oder suchen</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindow.cpp" line="63"/>
        <source>Scan a barcode, or type a name or SKU</source>
        <translation>Barcode scannen oder Name bzw. Artikelnummer eingeben</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindow.cpp" line="75"/>
        <source>Cart</source>
        <translation>Warenkorb</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindow.cpp" line="114"/>
        <location filename="../ui/CounterWindowCommands.cpp" line="32"/>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindow.cpp" line="116"/>
        <location filename="../ui/CounterWindowCommands.cpp" line="65"/>
        <source>Line discount</source>
        <translation>Positionsrabatt</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindow.cpp" line="118"/>
        <location filename="../ui/CounterWindowCommands.cpp" line="96"/>
        <source>Order discount</source>
        <translation>Bonrabatt</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindow.cpp" line="120"/>
        <location filename="../ui/CounterWindowCommands.cpp" line="125"/>
        <source>Remove line</source>
        <translation>Position löschen</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindow.cpp" line="122"/>
        <source>Hold sale</source>
        <translation>Parken</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindow.cpp" line="124"/>
        <source>Held sales</source>
        <translation>Geparkte Bons</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindow.cpp" line="126"/>
        <source>New sale</source>
        <translation>Neuer Bon</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindow.cpp" line="142"/>
        <source>PAY</source>
        <translation>BEZAHLEN</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindow.cpp" line="192"/>
        <location filename="../ui/CounterWindow.cpp" line="195"/>
        <source> or </source>
        <translation> oder </translation>
    </message>
    <message>
        <location filename="../ui/CounterWindow.cpp" line="195"/>
        <source>Shortcut: %1</source>
        <translation>Tastenkürzel: %1</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindow.cpp" line="283"/>
        <location filename="../ui/CounterWindowCommands.cpp" line="32"/>
        <source>Weight</source>
        <translation>Gewicht</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindow.cpp" line="283"/>
        <location filename="../ui/CounterWindowCommands.cpp" line="28"/>
        <source>Weight of %1 in kg (for example 0.250):</source>
        <translation>Gewicht von %1 in kg (zum Beispiel 0,250):</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindow.cpp" line="395"/>
        <source>No open shift</source>
        <translation>Keine offene Schicht</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindow.cpp" line="429"/>
        <source>Yes (Enter)</source>
        <translation>Ja (Enter)</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindow.cpp" line="429"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindow.cpp" line="430"/>
        <source>No (Esc)</source>
        <translation>Nein (Esc)</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindow.cpp" line="430"/>
        <source>No (Enter or Esc)</source>
        <translation>Nein (Enter oder Esc)</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowCommands.cpp" line="23"/>
        <source>Select a line in the cart first (Up/Down), then press F2.</source>
        <translation>Zuerst eine Position im Warenkorb wählen (Pfeil hoch/runter), dann F2 drücken.</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowCommands.cpp" line="29"/>
        <source>Quantity of %1:</source>
        <translation>Menge von %1:</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowCommands.cpp" line="59"/>
        <source>Select a line in the cart first (Up/Down), then press F3.</source>
        <translation>Zuerst eine Position im Warenkorb wählen (Pfeil hoch/runter), dann F3 drücken.</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowCommands.cpp" line="66"/>
        <source>Discount off %1, as an amount in %2 (0 removes it):</source>
        <translation>Rabatt auf %1 als Betrag in %2 (0 entfernt ihn):</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowCommands.cpp" line="91"/>
        <location filename="../ui/CounterWindowCommands.cpp" line="202"/>
        <source>The cart is empty: scan something first.</source>
        <translation>Der Warenkorb ist leer: zuerst einen Artikel scannen.</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowCommands.cpp" line="97"/>
        <source>Discount off the whole sale, as an amount in %1 (0 removes it):</source>
        <translation>Rabatt auf den ganzen Bon als Betrag in %1 (0 entfernt ihn):</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowCommands.cpp" line="121"/>
        <source>Select a line in the cart first (Up/Down), then press Delete.</source>
        <translation>Zuerst eine Position im Warenkorb wählen (Pfeil hoch/runter), dann Entf drücken.</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowCommands.cpp" line="125"/>
        <source>Remove %1 from the sale?</source>
        <translation>%1 aus dem Bon entfernen?</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowCommands.cpp" line="136"/>
        <source>Removed %1.</source>
        <translation>%1 entfernt.</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowCommands.cpp" line="137"/>
        <source>Removed %1 (approved by %2).</source>
        <translation>%1 entfernt (freigegeben von %2).</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowCommands.cpp" line="147"/>
        <source>Select a line in the cart first (Up/Down), then press F11.</source>
        <translation>Zuerst eine Position im Warenkorb wählen (Pfeil hoch/runter), dann F11 drücken.</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowCommands.cpp" line="153"/>
        <source>Price of the line</source>
        <translation>Preis der Position</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowCommands.cpp" line="154"/>
        <source>New price per kg of %1, in %2:</source>
        <translation>Neuer Preis pro kg für %1, in %2:</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowCommands.cpp" line="155"/>
        <source>New unit price of %1, in %2:</source>
        <translation>Neuer Stückpreis für %1, in %2:</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowCommands.cpp" line="180"/>
        <source>No sale</source>
        <translation>Kein Verkauf</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowCommands.cpp" line="180"/>
        <source>Open the drawer without a sale. Say why:</source>
        <translation>Die Schublade ohne Verkauf öffnen. Bitte den Grund angeben:</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowCommands.cpp" line="193"/>
        <source>Drawer opened (no sale).</source>
        <translation>Schublade geöffnet (kein Verkauf).</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowCommands.cpp" line="194"/>
        <source>Drawer opened (no sale), approved by %1.</source>
        <translation>Schublade geöffnet (kein Verkauf), freigegeben von %1.</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowCommands.cpp" line="218"/>
        <source>Receipt %1 completed.</source>
        <translation>Bon %1 abgeschlossen.</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowCommands.cpp" line="229"/>
        <source>The cart is empty: there is nothing to hold.</source>
        <translation>Der Warenkorb ist leer: es gibt nichts zu parken.</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowCommands.cpp" line="238"/>
        <source>Sale held. Press F6 to resume it.</source>
        <translation>Bon geparkt. Mit F6 wieder aufnehmen.</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowCommands.cpp" line="245"/>
        <source>Finish or hold (F5) the current sale before resuming another.</source>
        <translation>Den aktuellen Bon erst abschließen oder parken (F5), bevor ein anderer aufgenommen wird.</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowCommands.cpp" line="265"/>
        <source>Held sale resumed.</source>
        <translation>Geparkter Bon wieder aufgenommen.</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowCommands.cpp" line="280"/>
        <source>Void the sale</source>
        <translation>Bon stornieren</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowCommands.cpp" line="280"/>
        <source>Void the whole sale and start a new one? Say why:</source>
        <translation>Den ganzen Bon stornieren und einen neuen beginnen? Bitte den Grund angeben:</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowCommands.cpp" line="296"/>
        <source>Sale voided.</source>
        <translation>Bon storniert.</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowCommands.cpp" line="297"/>
        <source>Sale voided (approved by %1).</source>
        <translation>Bon storniert (freigegeben von %1).</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindow.cpp" line="90"/>
        <location filename="../ui/CounterWindowBackOffice.cpp" line="54"/>
        <source>Scan an item or type its name to start a sale.</source>
        <translation>Einen Artikel scannen oder seinen Namen eingeben, um einen Bon zu beginnen.</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindow.cpp" line="135"/>
        <source>Customer</source>
        <translation>Kunde/Kundin</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindow.cpp" line="138"/>
        <source>Shift</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindow.cpp" line="410"/>
        <source>Customer %1</source>
        <translation>Kundennummer %1</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowCommands.cpp" line="311"/>
        <source>Customer removed from the sale.</source>
        <translation>Kunde/Kundin vom Bon entfernt.</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowCommands.cpp" line="317"/>
        <source>Customer %1 is on this sale.</source>
        <translation>%1 ist diesem Bon zugeordnet.</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowBackOffice.cpp" line="55"/>
        <source>Your role does not sell at the counter. Reports are in the Back office menu.</source>
        <translation>Ihre Rolle verkauft nicht an der Kasse. Berichte finden Sie im Menü Verwaltung.</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowBackOffice.cpp" line="90"/>
        <source>OK (Enter)</source>
        <translation>OK (Enter)</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowBackOffice.cpp" line="91"/>
        <source>Cancel (Esc)</source>
        <translation>Abbrechen (Esc)</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowBackOffice.cpp" line="139"/>
        <source>The integration credentials are not available here.</source>
        <translation>Die Zugangsdaten der Integrationen sind hier nicht verfügbar.</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowBackOffice.cpp" line="148"/>
        <source>The audit log cannot be shown on this register.</source>
        <translation>Das Prüfprotokoll kann an dieser Kasse nicht angezeigt werden.</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowBackOffice.cpp" line="168"/>
        <location filename="../ui/CounterWindowBackOffice.cpp" line="181"/>
        <source>Sync is not available on this register.</source>
        <translation>Die Synchronisation ist auf dieser Kasse nicht verfügbar.</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowBackOffice.cpp" line="185"/>
        <source>This register is already connected to %1.</source>
        <translation>Diese Kasse ist bereits mit %1 verbunden.</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowBackOffice.cpp" line="196"/>
        <source>Connected to %1 — %2. Sync runs in the background.</source>
        <translation>Verbunden mit %1 — %2. Die Synchronisation läuft im Hintergrund.</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowBackOffice.cpp" line="206"/>
        <source>%1 given back.</source>
        <translation>%1 erstattet.</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowBackOffice.cpp" line="221"/>
        <source>Register settings</source>
        <translation>Kasseneinstellungen</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowBackOffice.cpp" line="222"/>
        <source>Lock the counter after how many minutes without use (1 to 60)?</source>
        <translation>Nach wie vielen Minuten ohne Benutzung soll die Kasse gesperrt werden (1 bis 60)?</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowBackOffice.cpp" line="228"/>
        <source>Type a whole number of minutes.</source>
        <translation>Eine ganze Zahl von Minuten eingeben.</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowBackOffice.cpp" line="238"/>
        <source>The counter now locks after %1 minutes without use.</source>
        <translation>Die Kasse wird jetzt nach %1 Minuten ohne Benutzung gesperrt.</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowLock.cpp" line="40"/>
        <source>&amp;Lock</source>
        <translation>&amp;Sperren</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowLock.cpp" line="46"/>
        <source>S&amp;witch user…</source>
        <translation>Benutzer &amp;wechseln …</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowLock.cpp" line="68"/>
        <source>&amp;User</source>
        <translation>&amp;Benutzer</translation>
    </message>
    <message>
        <location filename="../ui/CounterWindowLock.cpp" line="123"/>
        <source>%1 (locked)</source>
        <translation>%1 (gesperrt)</translation>
    </message>
</context>
<context>
    <name>pos::ui::CustomerDialog</name>
    <message>
        <location filename="../ui/CustomerDialog.cpp" line="34"/>
        <source>%1 · phone …%2</source>
        <translation>%1 · Tel. …%2</translation>
    </message>
    <message>
        <location filename="../ui/CustomerDialog.cpp" line="43"/>
        <source>Customer</source>
        <translation>Kunde/Kundin</translation>
    </message>
    <message>
        <location filename="../ui/CustomerDialog.cpp" line="49"/>
        <source>On this sale: %1</source>
        <translation>Auf diesem Bon: %1</translation>
    </message>
    <message>
        <location filename="../ui/CustomerDialog.cpp" line="52"/>
        <source>Remove customer (F7)</source>
        <translation>Vom Bon entfernen (F7)</translation>
    </message>
    <message>
        <location filename="../ui/CustomerDialog.cpp" line="60"/>
        <source>Search by name or phone number:</source>
        <translation>Nach Name oder Telefonnummer suchen:</translation>
    </message>
    <message>
        <location filename="../ui/CustomerDialog.cpp" line="64"/>
        <source>Search customers</source>
        <translation>Kundschaft durchsuchen</translation>
    </message>
    <message>
        <location filename="../ui/CustomerDialog.cpp" line="65"/>
        <source>Name, or at least 3 digits of the phone number</source>
        <translation>Name oder mindestens 3 Ziffern der Telefonnummer</translation>
    </message>
    <message>
        <location filename="../ui/CustomerDialog.cpp" line="74"/>
        <source>Customers found</source>
        <translation>Gefundene Kundschaft</translation>
    </message>
    <message>
        <location filename="../ui/CustomerDialog.cpp" line="80"/>
        <location filename="../ui/CustomerDialog.cpp" line="137"/>
        <source>Type to search.</source>
        <translation>Zum Suchen tippen.</translation>
    </message>
    <message>
        <location filename="../ui/CustomerDialog.cpp" line="88"/>
        <source>New customer… (Ctrl+N)</source>
        <translation>Neu anlegen … (Strg+N)</translation>
    </message>
    <message>
        <location filename="../ui/CustomerDialog.cpp" line="95"/>
        <source>Attach to sale (Enter)</source>
        <translation>Dem Bon zuordnen (Enter)</translation>
    </message>
    <message>
        <location filename="../ui/CustomerDialog.cpp" line="100"/>
        <source>Cancel (Esc)</source>
        <translation>Abbrechen (Esc)</translation>
    </message>
    <message>
        <location filename="../ui/CustomerDialog.cpp" line="152"/>
        <source>No customer found. Ctrl+N adds a new one.</source>
        <translation>Niemand gefunden. Strg+N legt einen neuen Eintrag an.</translation>
    </message>
    <message>
        <location filename="../ui/CustomerDialog.cpp" line="153"/>
        <source>Found: %1. Up/Down to choose, Enter to attach.</source>
        <translation>Gefunden: %1. Mit Auf/Ab wählen, mit Enter zuordnen.</translation>
    </message>
    <message>
        <location filename="../ui/CustomerDialog.cpp" line="162"/>
        <source>Pick a customer from the list, or add a new one (Ctrl+N).</source>
        <translation>Bitte jemanden aus der Liste wählen oder neu anlegen (Strg+N).</translation>
    </message>
</context>
<context>
    <name>pos::ui::DocumentView</name>
    <message>
        <location filename="../ui/DocumentView.cpp" line="45"/>
        <source>Print…</source>
        <translation>Drucken …</translation>
    </message>
    <message>
        <location filename="../ui/DocumentView.cpp" line="47"/>
        <source>Save as PDF…</source>
        <translation>Als PDF speichern …</translation>
    </message>
    <message>
        <location filename="../ui/DocumentView.cpp" line="90"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <location filename="../ui/DocumentView.cpp" line="101"/>
        <source>Not saved</source>
        <translation>Nicht gespeichert</translation>
    </message>
    <message>
        <location filename="../ui/DocumentView.cpp" line="102"/>
        <source>%1 could not be written to %2.</source>
        <translation>%1 ließ sich nicht nach %2 schreiben.</translation>
    </message>
</context>
<context>
    <name>pos::ui::EnrolDialog</name>
    <message>
        <location filename="../ui/EnrolDialog.cpp" line="78"/>
        <source>Connect to sync server</source>
        <translation>Mit Sync-Server verbinden</translation>
    </message>
    <message>
        <location filename="../ui/EnrolDialog.cpp" line="89"/>
        <source>Type the server&apos;s address and the one-time code from the enrolment sheet that the server&apos;s administrator printed for this store. The code works once and is not kept on this register.</source>
        <translation>Geben Sie die Adresse des Servers und den Einmalcode vom Anmeldeblatt ein, das der Administrator des Servers für diese Filiale gedruckt hat. Der Code gilt einmal und wird auf dieser Kasse nicht gespeichert.</translation>
    </message>
    <message>
        <location filename="../ui/EnrolDialog.cpp" line="97"/>
        <source>https://sync.example.com:8443</source>
        <translation>https://sync.example.com:8443</translation>
    </message>
    <message>
        <location filename="../ui/EnrolDialog.cpp" line="98"/>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <location filename="../ui/EnrolDialog.cpp" line="102"/>
        <source>XXXX-XXXX-XXXX-XXXX</source>
        <translation>XXXX-XXXX-XXXX-XXXX</translation>
    </message>
    <message>
        <location filename="../ui/EnrolDialog.cpp" line="103"/>
        <source>One-time code</source>
        <translation>Einmalcode</translation>
    </message>
    <message>
        <location filename="../ui/EnrolDialog.cpp" line="117"/>
        <source>This register&apos;s name on the server</source>
        <translation>Name dieser Kasse auf dem Server</translation>
    </message>
    <message>
        <location filename="../ui/EnrolDialog.cpp" line="119"/>
        <source>Server &amp;address:</source>
        <translation>Server&amp;adresse:</translation>
    </message>
    <message>
        <location filename="../ui/EnrolDialog.cpp" line="121"/>
        <source>One-time &amp;code:</source>
        <translation>Einmal&amp;code:</translation>
    </message>
    <message>
        <location filename="../ui/EnrolDialog.cpp" line="123"/>
        <source>Register &amp;name:</source>
        <translation>Kassen&amp;name:</translation>
    </message>
    <message>
        <location filename="../ui/EnrolDialog.cpp" line="136"/>
        <source>This computer does not trust the server&apos;s certificate by itself. Compare the server&apos;s fingerprint below with the one on the enrolment sheet, then type the sheet&apos;s fingerprint. Only connect if they are the same.</source>
        <translation>Dieser Computer vertraut dem Zertifikat des Servers nicht von sich aus. Vergleichen Sie den Fingerabdruck des Servers unten mit dem auf dem Anmeldeblatt und geben Sie dann den Fingerabdruck vom Blatt ein. Verbinden Sie nur, wenn beide gleich sind.</translation>
    </message>
    <message>
        <location filename="../ui/EnrolDialog.cpp" line="140"/>
        <source>The server&apos;s fingerprint:</source>
        <translation>Fingerabdruck des Servers:</translation>
    </message>
    <message>
        <location filename="../ui/EnrolDialog.cpp" line="149"/>
        <source>The server&apos;s fingerprint</source>
        <translation>Fingerabdruck des Servers</translation>
    </message>
    <message>
        <location filename="../ui/EnrolDialog.cpp" line="156"/>
        <source>Fingerprint from the enrolment sheet</source>
        <translation>Fingerabdruck vom Anmeldeblatt</translation>
    </message>
    <message>
        <location filename="../ui/EnrolDialog.cpp" line="157"/>
        <source>64 digits and letters a–f, spaces allowed</source>
        <translation>64 Ziffern und Buchstaben a–f, Leerzeichen erlaubt</translation>
    </message>
    <message>
        <location filename="../ui/EnrolDialog.cpp" line="160"/>
        <source>&amp;Fingerprint from the sheet:</source>
        <translation>&amp;Fingerabdruck vom Blatt:</translation>
    </message>
    <message>
        <location filename="../ui/EnrolDialog.cpp" line="174"/>
        <source>Talking to the server</source>
        <translation>Verbindung mit dem Server</translation>
    </message>
    <message>
        <location filename="../ui/EnrolDialog.cpp" line="184"/>
        <source>C&amp;onnect (Enter)</source>
        <translation>&amp;Verbinden (Eingabe)</translation>
    </message>
    <message>
        <location filename="../ui/EnrolDialog.cpp" line="187"/>
        <location filename="../ui/EnrolDialog.cpp" line="234"/>
        <source>Cancel (Esc)</source>
        <translation>Abbrechen (Esc)</translation>
    </message>
    <message>
        <location filename="../ui/EnrolDialog.cpp" line="200"/>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <location filename="../ui/EnrolDialog.cpp" line="209"/>
        <source>Close (Enter)</source>
        <translation>Schließen (Eingabe)</translation>
    </message>
    <message>
        <location filename="../ui/EnrolDialog.cpp" line="234"/>
        <source>Stop (Esc)</source>
        <translation>Anhalten (Esc)</translation>
    </message>
    <message>
        <location filename="../ui/EnrolDialog.cpp" line="268"/>
        <source>The one-time code is 16 letters and digits in four groups of four, as on the enrolment sheet. Check what was typed.</source>
        <translation>Der Einmalcode besteht aus 16 Buchstaben und Ziffern in vier Vierergruppen, wie auf dem Anmeldeblatt. Prüfen Sie die Eingabe.</translation>
    </message>
    <message>
        <location filename="../ui/EnrolDialog.cpp" line="289"/>
        <source>Type the fingerprint from the enrolment sheet first.</source>
        <translation>Geben Sie zuerst den Fingerabdruck vom Anmeldeblatt ein.</translation>
    </message>
    <message>
        <location filename="../ui/EnrolDialog.cpp" line="300"/>
        <source>The fingerprint from the sheet is not the server&apos;s: this may not be your server. Nothing was sent. Check the address and the sheet, or ask the server&apos;s administrator.</source>
        <translation>Der Fingerabdruck vom Blatt ist nicht der des Servers: Das ist möglicherweise nicht Ihr Server. Es wurde nichts gesendet. Prüfen Sie Adresse und Blatt oder fragen Sie den Administrator des Servers.</translation>
    </message>
    <message>
        <location filename="../ui/EnrolDialog.cpp" line="315"/>
        <source>Looking at the certificate of %1…</source>
        <translation>Zertifikat von %1 wird geprüft…</translation>
    </message>
    <message>
        <location filename="../ui/EnrolDialog.cpp" line="366"/>
        <source>Connecting this register to %1…</source>
        <translation>Diese Kasse wird mit %1 verbunden…</translation>
    </message>
    <message>
        <location filename="../ui/EnrolDialog.cpp" line="390"/>
        <source>This register is now connected to %1 — %2 as “%3”.

Server: %4
This register&apos;s device key: %5</source>
        <translation>Diese Kasse ist jetzt mit %1 — %2 als „%3“ verbunden.

Server: %4
Geräteschlüssel dieser Kasse: %5</translation>
    </message>
    <message>
        <location filename="../ui/EnrolDialog.cpp" line="395"/>
        <source>This register&apos;s clock is %1 minutes off the server&apos;s. Set it right, or the server will refuse to sync.</source>
        <translation>Die Uhr dieser Kasse weicht %1 Minuten von der des Servers ab. Stellen Sie sie richtig, sonst lehnt der Server die Synchronisation ab.</translation>
    </message>
    <message>
        <location filename="../ui/EnrolDialog.cpp" line="400"/>
        <source>Sync starts now in the background; the counter never waits for it.</source>
        <translation>Die Synchronisation beginnt jetzt im Hintergrund; der Verkauf wartet nie darauf.</translation>
    </message>
</context>
<context>
    <name>pos::ui::HeldSalesDialog</name>
    <message>
        <location filename="../ui/HeldSalesDialog.cpp" line="19"/>
        <location filename="../ui/HeldSalesDialog.cpp" line="25"/>
        <source>Held sales</source>
        <translation>Geparkte Bons</translation>
    </message>
    <message>
        <location filename="../ui/HeldSalesDialog.cpp" line="26"/>
        <source>Label</source>
        <translation>Bezeichnung</translation>
    </message>
    <message>
        <location filename="../ui/HeldSalesDialog.cpp" line="26"/>
        <source>Held at</source>
        <translation>Geparkt um</translation>
    </message>
    <message>
        <location filename="../ui/HeldSalesDialog.cpp" line="26"/>
        <source>Items</source>
        <translation>Positionen</translation>
    </message>
    <message>
        <location filename="../ui/HeldSalesDialog.cpp" line="26"/>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <location filename="../ui/HeldSalesDialog.cpp" line="51"/>
        <source>No sales are held on this register.</source>
        <translation>Auf dieser Kasse sind keine Bons geparkt.</translation>
    </message>
    <message>
        <location filename="../ui/HeldSalesDialog.cpp" line="58"/>
        <source>Resume (Enter)</source>
        <translation>Aufnehmen (Enter)</translation>
    </message>
    <message>
        <location filename="../ui/HeldSalesDialog.cpp" line="61"/>
        <source>Close (Esc)</source>
        <translation>Schließen (Esc)</translation>
    </message>
</context>
<context>
    <name>pos::ui::IntegrationsDialog</name>
    <message>
        <location filename="../ui/IntegrationsDialog.cpp" line="39"/>
        <source>Integrations</source>
        <translation>Integrationen</translation>
    </message>
    <message>
        <location filename="../ui/IntegrationsDialog.cpp" line="43"/>
        <source>The credentials this register uses to talk to other services. Each is sealed on its own with a key kept in the system keychain and is never shown again: secrets as dots, addresses by their last characters at most.</source>
        <translation>Die Zugangsdaten, mit denen diese Kasse andere Dienste anspricht. Jeder Wert wird einzeln mit einem Schlüssel aus dem Systemschlüsselbund versiegelt und nie wieder angezeigt: Geheimnisse als Punkte, Adressen höchstens mit ihren letzten Zeichen.</translation>
    </message>
    <message>
        <location filename="../ui/IntegrationsDialog.cpp" line="50"/>
        <source>Integration credentials</source>
        <translation>Zugangsdaten der Integrationen</translation>
    </message>
    <message>
        <location filename="../ui/IntegrationsDialog.cpp" line="51"/>
        <source>Integration</source>
        <translation>Integration</translation>
    </message>
    <message>
        <location filename="../ui/IntegrationsDialog.cpp" line="51"/>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <location filename="../ui/IntegrationsDialog.cpp" line="51"/>
        <source>Stored</source>
        <translation>Gespeichert</translation>
    </message>
    <message>
        <location filename="../ui/IntegrationsDialog.cpp" line="71"/>
        <source>Set… (Ctrl+S)</source>
        <translation>Setzen… (Strg+S)</translation>
    </message>
    <message>
        <location filename="../ui/IntegrationsDialog.cpp" line="73"/>
        <source>Clear… (Delete)</source>
        <translation>Löschen… (Entf)</translation>
    </message>
    <message>
        <location filename="../ui/IntegrationsDialog.cpp" line="75"/>
        <source>Test (Ctrl+T)</source>
        <translation>Testen (Strg+T)</translation>
    </message>
    <message>
        <location filename="../ui/IntegrationsDialog.cpp" line="81"/>
        <source>Close (Esc)</source>
        <translation>Schließen (Esc)</translation>
    </message>
    <message>
        <location filename="../ui/IntegrationsDialog.cpp" line="117"/>
        <source>Not set</source>
        <translation>Nicht gesetzt</translation>
    </message>
    <message>
        <location filename="../ui/IntegrationsDialog.cpp" line="119"/>
        <source>%1 (set %2 by %3)</source>
        <translation>%1 (gesetzt am %2 von %3)</translation>
    </message>
    <message>
        <location filename="../ui/IntegrationsDialog.cpp" line="121"/>
        <source>— does not open with this register&apos;s field key</source>
        <translation>— lässt sich mit dem Feldschlüssel dieser Kasse nicht öffnen</translation>
    </message>
    <message>
        <location filename="../ui/IntegrationsDialog.cpp" line="134"/>
        <source>Nothing to show.</source>
        <translation>Nichts anzuzeigen.</translation>
    </message>
    <message>
        <location filename="../ui/IntegrationsDialog.cpp" line="151"/>
        <source>Secret: shown only as dots.</source>
        <translation>Geheim: nur als Punkte angezeigt.</translation>
    </message>
    <message>
        <location filename="../ui/IntegrationsDialog.cpp" line="152"/>
        <source>Not secret: its last characters show.</source>
        <translation>Nicht geheim: die letzten Zeichen werden angezeigt.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/IntegrationsDialog.cpp" line="165"/>
        <source>%n credential(s) set.</source>
        <translation>
            <numerusform>%n Eintrag gesetzt.</numerusform>
            <numerusform>%n Einträge gesetzt.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/IntegrationsDialog.cpp" line="207"/>
        <source>Set %1</source>
        <translation>%1 setzen</translation>
    </message>
    <message>
        <location filename="../ui/IntegrationsDialog.cpp" line="210"/>
        <location filename="../ui/IntegrationsDialog.cpp" line="287"/>
        <location filename="../ui/IntegrationsDialog.cpp" line="318"/>
        <source>the %1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <location filename="../ui/IntegrationsDialog.cpp" line="213"/>
        <source>Paste or type %1. It is sealed at once and not shown again, here or anywhere else; Test checks that it opens.</source>
        <translation>Fügen Sie %1 ein oder tippen Sie es. Es wird sofort versiegelt und nicht wieder angezeigt, weder hier noch anderswo; „Testen“ prüft, ob es sich öffnen lässt.</translation>
    </message>
    <message>
        <location filename="../ui/IntegrationsDialog.cpp" line="216"/>
        <source>Type %1. It is sealed like a secret; the list shows its last characters.</source>
        <translation>Geben Sie %1 ein. Es wird wie ein Geheimnis versiegelt; die Liste zeigt seine letzten Zeichen.</translation>
    </message>
    <message>
        <location filename="../ui/IntegrationsDialog.cpp" line="221"/>
        <source>It replaces the value set %1 by %2.</source>
        <translation>Es ersetzt den Wert, den %2 am %1 gesetzt hat.</translation>
    </message>
    <message>
        <location filename="../ui/IntegrationsDialog.cpp" line="240"/>
        <location filename="../ui/IntegrationsDialog.cpp" line="242"/>
        <source>Nothing typed yet.</source>
        <translation>Noch nichts eingegeben.</translation>
    </message>
    <message>
        <location filename="../ui/IntegrationsDialog.cpp" line="243"/>
        <source>Something is typed (not shown).</source>
        <translation>Etwas ist eingegeben (nicht angezeigt).</translation>
    </message>
    <message>
        <location filename="../ui/IntegrationsDialog.cpp" line="251"/>
        <source>Seal and save (Enter)</source>
        <translation>Versiegeln und speichern (Enter)</translation>
    </message>
    <message>
        <location filename="../ui/IntegrationsDialog.cpp" line="256"/>
        <source>Cancel (Esc)</source>
        <translation>Abbrechen (Esc)</translation>
    </message>
    <message>
        <location filename="../ui/IntegrationsDialog.cpp" line="278"/>
        <source>%1 is sealed and saved.</source>
        <translation>%1 ist versiegelt und gespeichert.</translation>
    </message>
    <message>
        <location filename="../ui/IntegrationsDialog.cpp" line="288"/>
        <source>Clear %1</source>
        <translation>%1 löschen</translation>
    </message>
    <message>
        <location filename="../ui/IntegrationsDialog.cpp" line="289"/>
        <source>Clear %1? It cannot be shown or brought back; %2 stops working until it is set again.</source>
        <translation>%1 löschen? Es kann weder angezeigt noch zurückgeholt werden; %2 funktioniert erst wieder, wenn es neu gesetzt ist.</translation>
    </message>
    <message>
        <location filename="../ui/IntegrationsDialog.cpp" line="294"/>
        <source>Clear</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location filename="../ui/IntegrationsDialog.cpp" line="295"/>
        <source>Keep it (Esc)</source>
        <translation>Behalten (Esc)</translation>
    </message>
    <message>
        <location filename="../ui/IntegrationsDialog.cpp" line="307"/>
        <source>%1 is cleared.</source>
        <translation>%1 ist gelöscht.</translation>
    </message>
    <message>
        <location filename="../ui/IntegrationsDialog.cpp" line="331"/>
        <source>%1 opens with this register&apos;s field key.</source>
        <translation>%1 lässt sich mit dem Feldschlüssel dieser Kasse öffnen.</translation>
    </message>
</context>
<context>
    <name>pos::ui::KeySetupDialog</name>
    <message>
        <location filename="../ui/KeySetupDialog.cpp" line="19"/>
        <source>Protect this register&apos;s data</source>
        <translation>Daten dieser Kasse schützen</translation>
    </message>
    <message>
        <location filename="../ui/KeySetupDialog.cpp" line="20"/>
        <source>Unlock this register&apos;s data</source>
        <translation>Daten dieser Kasse entsperren</translation>
    </message>
    <message>
        <location filename="../ui/KeySetupDialog.cpp" line="26"/>
        <source>&lt;p&gt;&lt;b&gt;No system keychain answered on this computer.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;The sales data of this register is encrypted. Its key is normally kept in the system keychain, but none is running here (this is common on kiosks).&lt;/p&gt;&lt;p&gt;Instead, the key can be kept in a &lt;b&gt;key file sealed with a passphrase&lt;/b&gt; that the owner chooses. The passphrase will be asked every time the register starts. Without it the data cannot be opened by anyone — write it down and keep it safe.&lt;/p&gt;&lt;p&gt;The data is never stored unencrypted. If you would rather set up a keychain first, choose Quit.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Auf diesem Computer hat kein Systemschlüsselbund geantwortet.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Die Verkaufsdaten dieser Kasse sind verschlüsselt. Der Schlüssel liegt normalerweise im Schlüsselbund des Systems, aber hier läuft keiner (das ist bei Kiosk-Geräten üblich).&lt;/p&gt;&lt;p&gt;Stattdessen kann der Schlüssel in einer &lt;b&gt;mit einer Passphrase versiegelten Schlüsseldatei&lt;/b&gt; liegen, die der Inhaber bzw. die Inhaberin wählt. Die Passphrase wird bei jedem Start der Kasse abgefragt. Ohne sie kann niemand die Daten öffnen — schreiben Sie sie auf und bewahren Sie sie sicher auf.&lt;/p&gt;&lt;p&gt;Die Daten werden niemals unverschlüsselt gespeichert. Wenn Sie lieber zuerst einen Schlüsselbund einrichten möchten, wählen Sie Beenden.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/KeySetupDialog.cpp" line="57"/>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../ui/KeySetupDialog.cpp" line="59"/>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <location filename="../ui/KeySetupDialog.cpp" line="63"/>
        <source>Repeat passphrase</source>
        <translation>Passphrase wiederholen</translation>
    </message>
    <message>
        <location filename="../ui/KeySetupDialog.cpp" line="65"/>
        <source>&amp;Repeat:</source>
        <translation>&amp;Wiederholen:</translation>
    </message>
    <message>
        <location filename="../ui/KeySetupDialog.cpp" line="76"/>
        <source>Create sealed key file</source>
        <translation>Versiegelte Schlüsseldatei anlegen</translation>
    </message>
    <message>
        <location filename="../ui/KeySetupDialog.cpp" line="76"/>
        <source>Unlock</source>
        <translation>Entsperren</translation>
    </message>
    <message>
        <location filename="../ui/KeySetupDialog.cpp" line="80"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location filename="../ui/KeySetupDialog.cpp" line="104"/>
        <source>Use at least %1 characters (%2 so far). A few unrelated words make a good passphrase.</source>
        <translation>Mindestens %1 Zeichen verwenden (bisher %2). Einige voneinander unabhängige Wörter ergeben eine gute Passphrase.</translation>
    </message>
    <message>
        <location filename="../ui/KeySetupDialog.cpp" line="109"/>
        <source>Repeat the same passphrase in the second field.</source>
        <translation>Im zweiten Feld dieselbe Passphrase wiederholen.</translation>
    </message>
    <message>
        <location filename="../ui/KeySetupDialog.cpp" line="111"/>
        <source>Enter the passphrase.</source>
        <translation>Passphrase eingeben.</translation>
    </message>
    <message>
        <location filename="../ui/KeySetupDialog.cpp" line="36"/>
        <source>&lt;p&gt;&lt;b&gt;This register keeps its key in a sealed key file.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Enter the owner&apos;s passphrase to open the sales data.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Diese Kasse bewahrt ihren Schlüssel in einer versiegelten Schlüsseldatei auf.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Geben Sie die Passphrase des Inhabers bzw. der Inhaberin ein, um die Verkaufsdaten zu öffnen.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/KeySetupDialog.cpp" line="45"/>
        <source>Data: %1
Key file: %2</source>
        <translation>Daten: %1
Schlüsseldatei: %2</translation>
    </message>
    <message>
        <location filename="../ui/KeySetupDialog.cpp" line="47"/>
        <source>Keychain said: %1</source>
        <translation>Meldung des Schlüsselbunds: %1</translation>
    </message>
</context>
<context>
    <name>pos::ui::LockScreen</name>
    <message>
        <location filename="../ui/LockScreen.cpp" line="73"/>
        <source>Your &amp;user code:</source>
        <translation>Ihre &amp;Benutzernummer:</translation>
    </message>
    <message>
        <location filename="../ui/LockScreen.cpp" line="76"/>
        <source>User code</source>
        <translation>Benutzernummer</translation>
    </message>
    <message>
        <location filename="../ui/LockScreen.cpp" line="80"/>
        <source>Next (Enter)</source>
        <translation>Weiter (Enter)</translation>
    </message>
    <message>
        <location filename="../ui/LockScreen.cpp" line="90"/>
        <source>Or touch your name:</source>
        <translation>Oder auf Ihren Namen tippen:</translation>
    </message>
    <message>
        <location filename="../ui/LockScreen.cpp" line="124"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location filename="../ui/LockScreen.cpp" line="167"/>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <location filename="../ui/LockScreen.cpp" line="170"/>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location filename="../ui/LockScreen.cpp" line="176"/>
        <source>&amp;Code from your authenticator app:</source>
        <translation>&amp;Code aus Ihrer Authenticator-App:</translation>
    </message>
    <message>
        <location filename="../ui/LockScreen.cpp" line="180"/>
        <source>Code from your authenticator app</source>
        <translation>Code aus Ihrer Authenticator-App</translation>
    </message>
    <message>
        <location filename="../ui/LockScreen.cpp" line="188"/>
        <source>Sign in (Enter)</source>
        <translation>Anmelden (Enter)</translation>
    </message>
    <message>
        <location filename="../ui/LockScreen.cpp" line="252"/>
        <source>%1 can no longer sign in here. Someone else has to sign in; the sale stays.</source>
        <translation>%1 kann sich hier nicht mehr anmelden. Jemand anderes muss sich anmelden; der Bon bleibt erhalten.</translation>
    </message>
    <message>
        <location filename="../ui/LockScreen.cpp" line="268"/>
        <source>Who takes over this register?</source>
        <translation>Wer übernimmt diese Kasse?</translation>
    </message>
    <message>
        <location filename="../ui/LockScreen.cpp" line="269"/>
        <source>Who is signing in?</source>
        <translation>Wer meldet sich an?</translation>
    </message>
    <message>
        <location filename="../ui/LockScreen.cpp" line="272"/>
        <source>Back to %1</source>
        <translation>Zurück zu %1</translation>
    </message>
    <message>
        <location filename="../ui/LockScreen.cpp" line="306"/>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <location filename="../ui/LockScreen.cpp" line="345"/>
        <source>Locked</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <location filename="../ui/LockScreen.cpp" line="348"/>
        <source>%1 (%2): enter your PIN to carry on.</source>
        <translation>%1 (%2): Zum Fortfahren Ihre PIN eingeben.</translation>
    </message>
    <message>
        <location filename="../ui/LockScreen.cpp" line="349"/>
        <source>%1 (%2): enter your password to carry on.</source>
        <translation>%1 (%2): Zum Fortfahren Ihr Passwort eingeben.</translation>
    </message>
    <message>
        <location filename="../ui/LockScreen.cpp" line="351"/>
        <source>Switch user</source>
        <translation>Benutzer wechseln</translation>
    </message>
    <message>
        <location filename="../ui/LockScreen.cpp" line="353"/>
        <source>User %1</source>
        <translation>Benutzer %1</translation>
    </message>
    <message>
        <location filename="../ui/LockScreen.cpp" line="355"/>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <location filename="../ui/LockScreen.cpp" line="355"/>
        <source>Someone else</source>
        <translation>Jemand anderes</translation>
    </message>
    <message>
        <location filename="../ui/LockScreen.cpp" line="370"/>
        <source>Enter your PIN.</source>
        <translation>Bitte PIN eingeben.</translation>
    </message>
    <message>
        <location filename="../ui/LockScreen.cpp" line="370"/>
        <source>Enter your password.</source>
        <translation>Bitte Passwort eingeben.</translation>
    </message>
    <message>
        <location filename="../ui/LockScreen.cpp" line="374"/>
        <source>Enter the code your authenticator app shows now.</source>
        <translation>Den Code eingeben, den Ihre Authenticator-App jetzt anzeigt.</translation>
    </message>
    <message>
        <location filename="../ui/LockScreen.cpp" line="391"/>
        <source>The session of %1 has ended. Sign in again; the sale stays.</source>
        <translation>Die Sitzung von %1 ist beendet. Bitte erneut anmelden; der Bon bleibt erhalten.</translation>
    </message>
</context>
<context>
    <name>pos::ui::NewCustomerDialog</name>
    <message>
        <location filename="../ui/NewCustomerDialog.cpp" line="29"/>
        <source>New customer</source>
        <translation>Neu anlegen</translation>
    </message>
    <message>
        <location filename="../ui/NewCustomerDialog.cpp" line="36"/>
        <source>Name (required)</source>
        <translation>Name (Pflichtfeld)</translation>
    </message>
    <message>
        <location filename="../ui/NewCustomerDialog.cpp" line="37"/>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <location filename="../ui/NewCustomerDialog.cpp" line="38"/>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location filename="../ui/NewCustomerDialog.cpp" line="39"/>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <location filename="../ui/NewCustomerDialog.cpp" line="51"/>
        <source>Add customer (Enter)</source>
        <translation>Anlegen (Enter)</translation>
    </message>
    <message>
        <location filename="../ui/NewCustomerDialog.cpp" line="56"/>
        <source>Cancel (Esc)</source>
        <translation>Abbrechen (Esc)</translation>
    </message>
</context>
<context>
    <name>pos::ui::NewStaffDialog</name>
    <message>
        <location filename="../ui/NewStaffDialog.cpp" line="60"/>
        <source>New staff member</source>
        <translation>Neuer Mitarbeiter</translation>
    </message>
    <message>
        <location filename="../ui/NewStaffDialog.cpp" line="68"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../ui/NewStaffDialog.cpp" line="71"/>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location filename="../ui/NewStaffDialog.cpp" line="75"/>
        <source>User code</source>
        <translation>Benutzernummer</translation>
    </message>
    <message>
        <location filename="../ui/NewStaffDialog.cpp" line="78"/>
        <source>2 to 8 digits, typed at the lock screen</source>
        <translation>2 bis 8 Ziffern, wird am Sperrbildschirm eingegeben</translation>
    </message>
    <message>
        <location filename="../ui/NewStaffDialog.cpp" line="79"/>
        <source>User &amp;code</source>
        <translation>&amp;Benutzernummer</translation>
    </message>
    <message>
        <location filename="../ui/NewStaffDialog.cpp" line="83"/>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <location filename="../ui/NewStaffDialog.cpp" line="87"/>
        <source>&amp;Role</source>
        <translation>&amp;Rolle</translation>
    </message>
    <message>
        <location filename="../ui/NewStaffDialog.cpp" line="89"/>
        <source>Stores</source>
        <translation>Filialen</translation>
    </message>
    <message>
        <location filename="../ui/NewStaffDialog.cpp" line="103"/>
        <source>Discount limit</source>
        <translation>Rabattgrenze</translation>
    </message>
    <message>
        <location filename="../ui/NewStaffDialog.cpp" line="108"/>
        <source>&amp;Discount limit</source>
        <translation>Rabatt&amp;grenze</translation>
    </message>
    <message>
        <location filename="../ui/NewStaffDialog.cpp" line="113"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../ui/NewStaffDialog.cpp" line="114"/>
        <location filename="../ui/NewStaffDialog.cpp" line="119"/>
        <source>PIN again</source>
        <translation>PIN wiederholen</translation>
    </message>
    <message>
        <location filename="../ui/NewStaffDialog.cpp" line="115"/>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location filename="../ui/NewStaffDialog.cpp" line="117"/>
        <location filename="../ui/NewStaffDialog.cpp" line="121"/>
        <source>Password again</source>
        <translation>Passwort wiederholen</translation>
    </message>
    <message>
        <location filename="../ui/NewStaffDialog.cpp" line="118"/>
        <source>&amp;PIN</source>
        <translation>&amp;PIN</translation>
    </message>
    <message>
        <location filename="../ui/NewStaffDialog.cpp" line="120"/>
        <source>Pass&amp;word</source>
        <translation>Pass&amp;wort</translation>
    </message>
    <message>
        <location filename="../ui/NewStaffDialog.cpp" line="124"/>
        <source>Authenticator app</source>
        <translation>Authenticator-App</translation>
    </message>
    <message>
        <location filename="../ui/NewStaffDialog.cpp" line="126"/>
        <source>Scan this code with the new owner&apos;s authenticator app (or type the text below into it), then enter the 6-digit code the app shows.</source>
        <translation>Diesen Code mit der Authenticator-App des neuen Inhabers scannen (oder den Text darunter dort eingeben), dann den 6-stelligen Code eingeben, den die App anzeigt.</translation>
    </message>
    <message>
        <location filename="../ui/NewStaffDialog.cpp" line="138"/>
        <source>Code from the app</source>
        <translation>Code aus der App</translation>
    </message>
    <message>
        <location filename="../ui/NewStaffDialog.cpp" line="147"/>
        <source>Create (Enter)</source>
        <translation>Anlegen (Enter)</translation>
    </message>
    <message>
        <location filename="../ui/NewStaffDialog.cpp" line="152"/>
        <source>Cancel (Esc)</source>
        <translation>Abbrechen (Esc)</translation>
    </message>
    <message>
        <location filename="../ui/NewStaffDialog.cpp" line="174"/>
        <source>Cashiers sign in with a PIN of 4 to 8 digits. A password is optional: they need one before they can be given another role.</source>
        <translation>Kassierer melden sich mit einer PIN aus 4 bis 8 Ziffern an. Ein Passwort ist optional: Sie brauchen eines, bevor sie eine andere Rolle erhalten können.</translation>
    </message>
    <message>
        <location filename="../ui/NewStaffDialog.cpp" line="179"/>
        <source>Managers sign in with a password of at least 12 characters. A PIN is optional: with it they approve at the counter.</source>
        <translation>Manager melden sich mit einem Passwort aus mindestens 12 Zeichen an. Eine PIN ist optional: Damit geben sie an der Kasse frei.</translation>
    </message>
    <message>
        <location filename="../ui/NewStaffDialog.cpp" line="185"/>
        <source>Auditors sign in with a password of at least 12 characters.</source>
        <translation>Prüfer melden sich mit einem Passwort aus mindestens 12 Zeichen an.</translation>
    </message>
    <message>
        <location filename="../ui/NewStaffDialog.cpp" line="188"/>
        <source>Owners sign in with a password of at least 12 characters and a code from an authenticator app.</source>
        <translation>Inhaber melden sich mit einem Passwort aus mindestens 12 Zeichen und einem Authenticator-Code an.</translation>
    </message>
    <message>
        <location filename="../ui/NewStaffDialog.cpp" line="217"/>
        <source>The PIN or the password typed twice differ: type them again.</source>
        <translation>Die zweimal eingegebene PIN bzw. das zweimal eingegebene Passwort stimmt nicht überein: bitte erneut eingeben.</translation>
    </message>
</context>
<context>
    <name>pos::ui::OpenShiftDialog</name>
    <message>
        <location filename="../ui/OpenShiftDialog.cpp" line="10"/>
        <source>Open shift</source>
        <translation>Schicht öffnen</translation>
    </message>
    <message>
        <location filename="../ui/OpenShiftDialog.cpp" line="11"/>
        <source>No shift is open on this register. Count the cash in the drawer and enter the opening float (%1):</source>
        <translation>Auf dieser Kasse ist keine Schicht offen. Zählen Sie das Bargeld in der Schublade und geben Sie den Wechselgeldbestand ein (%1):</translation>
    </message>
    <message>
        <location filename="../ui/OpenShiftDialog.cpp" line="25"/>
        <source>Cashier: %1</source>
        <translation>Kassierer/in: %1</translation>
    </message>
</context>
<context>
    <name>pos::ui::PinPad</name>
    <message>
        <location filename="../ui/PinPad.cpp" line="37"/>
        <location filename="../ui/PinPad.cpp" line="38"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../ui/PinPad.cpp" line="57"/>
        <source>Clear</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location filename="../ui/PinPad.cpp" line="58"/>
        <source>Clear the PIN</source>
        <translation>PIN löschen</translation>
    </message>
    <message>
        <location filename="../ui/PinPad.cpp" line="65"/>
        <source>Delete the last digit</source>
        <translation>Letzte Ziffer löschen</translation>
    </message>
    <message>
        <location filename="../ui/PinPad.cpp" line="73"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>pos::ui::QrCodeWidget</name>
    <message>
        <location filename="../ui/QrCodeWidget.cpp" line="19"/>
        <source>QR code</source>
        <translation>QR-Code</translation>
    </message>
    <message>
        <location filename="../ui/QrCodeWidget.cpp" line="85"/>
        <source>This text is too long for a QR code.</source>
        <translation>Dieser Text ist zu lang für einen QR-Code.</translation>
    </message>
</context>
<context>
    <name>pos::ui::ReceiptDialog</name>
    <message>
        <location filename="../ui/ReceiptDialog.cpp" line="17"/>
        <source>Receipt %1</source>
        <translation>Bon %1</translation>
    </message>
    <message>
        <location filename="../ui/ReceiptDialog.cpp" line="15"/>
        <source>CHANGE DUE: %1</source>
        <translation>RÜCKGELD: %1</translation>
    </message>
    <message>
        <location filename="../ui/ReceiptDialog.cpp" line="35"/>
        <source>Change due</source>
        <translation>Rückgeld</translation>
    </message>
    <message>
        <location filename="../ui/ReceiptDialog.cpp" line="25"/>
        <source>New sale (Enter)</source>
        <translation>Neuer Bon (Enter)</translation>
    </message>
    <message>
        <location filename="../ui/ReceiptDialog.cpp" line="24"/>
        <source>Print receipt</source>
        <translation>Bon drucken</translation>
    </message>
    <message>
        <location filename="../ui/ReceiptDialog.cpp" line="23"/>
        <source>receipt-%1.pdf</source>
        <translation>bon-%1.pdf</translation>
    </message>
    <message>
        <location filename="../ui/ReceiptDialog.cpp" line="24"/>
        <source>Save receipt as PDF</source>
        <translation>Bon als PDF speichern</translation>
    </message>
    <message>
        <location filename="../ui/ReceiptDialog.cpp" line="14"/>
        <source>NO CHANGE DUE</source>
        <translation>KEIN RÜCKGELD</translation>
    </message>
</context>
<context>
    <name>pos::ui::RefundDialog</name>
    <message>
        <location filename="../ui/RefundDialog.cpp" line="74"/>
        <source>Return / refund</source>
        <translation>Rückgabe / Erstattung</translation>
    </message>
    <message>
        <location filename="../ui/RefundDialog.cpp" line="80"/>
        <source>With the receipt</source>
        <translation>Mit Bon</translation>
    </message>
    <message>
        <location filename="../ui/RefundDialog.cpp" line="81"/>
        <source>Without a receipt</source>
        <translation>Ohne Bon</translation>
    </message>
    <message>
        <location filename="../ui/RefundDialog.cpp" line="92"/>
        <source>&amp;Reason (required):</source>
        <translation>&amp;Grund (Pflichtfeld):</translation>
    </message>
    <message>
        <location filename="../ui/RefundDialog.cpp" line="95"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location filename="../ui/RefundDialog.cpp" line="97"/>
        <source>For example: faulty, wrong size</source>
        <translation>Zum Beispiel: defekt, falsche Größe</translation>
    </message>
    <message>
        <location filename="../ui/RefundDialog.cpp" line="105"/>
        <source>What is given back</source>
        <translation>Was erstattet wird</translation>
    </message>
    <message>
        <location filename="../ui/RefundDialog.cpp" line="109"/>
        <source>Pick what comes back: the amounts appear here.</source>
        <translation>Auswählen, was zurückgegeben wird: Die Beträge erscheinen hier.</translation>
    </message>
    <message>
        <location filename="../ui/RefundDialog.cpp" line="116"/>
        <source>Refund (F12)</source>
        <translation>Erstatten (F12)</translation>
    </message>
    <message>
        <location filename="../ui/RefundDialog.cpp" line="121"/>
        <source>Close (Esc)</source>
        <translation>Schließen (Esc)</translation>
    </message>
    <message>
        <location filename="../ui/RefundDialog.cpp" line="143"/>
        <source>Receipt &amp;number:</source>
        <translation>Bon&amp;nummer:</translation>
    </message>
    <message>
        <location filename="../ui/RefundDialog.cpp" line="146"/>
        <source>Receipt number</source>
        <translation>Bonnummer</translation>
    </message>
    <message>
        <location filename="../ui/RefundDialog.cpp" line="149"/>
        <source>Find (Enter)</source>
        <translation>Suchen (Enter)</translation>
    </message>
    <message>
        <location filename="../ui/RefundDialog.cpp" line="165"/>
        <location filename="../ui/RefundDialog.cpp" line="195"/>
        <source>Product</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <location filename="../ui/RefundDialog.cpp" line="165"/>
        <source>Sold</source>
        <translation>Verkauft</translation>
    </message>
    <message>
        <location filename="../ui/RefundDialog.cpp" line="165"/>
        <source>Refunded</source>
        <translation>Erstattet</translation>
    </message>
    <message>
        <location filename="../ui/RefundDialog.cpp" line="165"/>
        <source>Can come back</source>
        <translation>Rückgabe möglich</translation>
    </message>
    <message>
        <location filename="../ui/RefundDialog.cpp" line="165"/>
        <source>Paid</source>
        <translation>Bezahlt</translation>
    </message>
    <message>
        <location filename="../ui/RefundDialog.cpp" line="166"/>
        <source>Comes back now</source>
        <translation>Jetzt zurück</translation>
    </message>
    <message>
        <location filename="../ui/RefundDialog.cpp" line="176"/>
        <source>Products without a receipt go back at today&apos;s price, in cash from the drawer.</source>
        <translation>Artikel ohne Bon werden zum heutigen Preis bar aus der Kasse erstattet.</translation>
    </message>
    <message>
        <location filename="../ui/RefundDialog.cpp" line="182"/>
        <source>Scan or search a product</source>
        <translation>Artikel scannen oder suchen</translation>
    </message>
    <message>
        <location filename="../ui/RefundDialog.cpp" line="183"/>
        <source>Scan a barcode, or type a name or SKU and Enter</source>
        <translation>Barcode scannen oder Name bzw. Artikelnummer eingeben und Enter drücken</translation>
    </message>
    <message>
        <location filename="../ui/RefundDialog.cpp" line="195"/>
        <source>Price now</source>
        <translation>Aktueller Preis</translation>
    </message>
    <message>
        <location filename="../ui/RefundDialog.cpp" line="195"/>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <location filename="../ui/RefundDialog.cpp" line="232"/>
        <source>Type the receipt number printed on the receipt (for example 7).</source>
        <translation>Die auf dem Bon gedruckte Bonnummer eingeben (zum Beispiel 7).</translation>
    </message>
    <message>
        <location filename="../ui/RefundDialog.cpp" line="262"/>
        <source>Receipt %1 of %2 · paid %3 (card %4, %5 back; cash %6, %7 back)</source>
        <translation>Bon %1 vom %2 · bezahlt %3 (Karte %4, davon %5 erstattet; bar %6, davon %7 erstattet)</translation>
    </message>
    <message>
        <location filename="../ui/RefundDialog.cpp" line="278"/>
        <location filename="../ui/RefundDialog.cpp" line="351"/>
        <source>Quantity of %1 that comes back</source>
        <translation>Zurückgegebene Menge von %1</translation>
    </message>
    <message>
        <location filename="../ui/RefundDialog.cpp" line="317"/>
        <source>No product matches &quot;%1&quot;.</source>
        <translation>Kein Artikel passt zu „%1“.</translation>
    </message>
    <message>
        <location filename="../ui/RefundDialog.cpp" line="347"/>
        <source>%1/kg</source>
        <translation>%1/kg</translation>
    </message>
    <message>
        <location filename="../ui/RefundDialog.cpp" line="358"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../ui/RefundDialog.cpp" line="378"/>
        <source>Find the sale by its receipt number first.</source>
        <translation>Zuerst den Bon über seine Bonnummer suchen.</translation>
    </message>
    <message>
        <location filename="../ui/RefundDialog.cpp" line="390"/>
        <location filename="../ui/RefundDialog.cpp" line="411"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../ui/RefundDialog.cpp" line="422"/>
        <source>(preview)</source>
        <translation>(Vorschau)</translation>
    </message>
    <message>
        <location filename="../ui/RefundDialog.cpp" line="458"/>
        <source>%1 × %2: %3</source>
        <translation>%1 × %2: %3</translation>
    </message>
    <message>
        <location filename="../ui/RefundDialog.cpp" line="459"/>
        <source>Given back: %1 (tax %2)</source>
        <translation>Erstattet: %1 (MwSt. %2)</translation>
    </message>
    <message>
        <location filename="../ui/RefundDialog.cpp" line="461"/>
        <source>  back to the card: %1</source>
        <translation>  zurück auf die Karte: %1</translation>
    </message>
    <message>
        <location filename="../ui/RefundDialog.cpp" line="462"/>
        <source>  in cash from the drawer: %1</source>
        <translation>  bar aus der Kasse: %1</translation>
    </message>
</context>
<context>
    <name>pos::ui::RefundReceiptDialog</name>
    <message>
        <location filename="../ui/RefundReceiptDialog.cpp" line="34"/>
        <source>Refund of receipt %1</source>
        <translation>Erstattung zu Bon %1</translation>
    </message>
    <message>
        <location filename="../ui/RefundReceiptDialog.cpp" line="35"/>
        <source>Return without receipt</source>
        <translation>Rückgabe ohne Bon</translation>
    </message>
    <message>
        <location filename="../ui/RefundReceiptDialog.cpp" line="40"/>
        <source>GIVEN BACK: %1</source>
        <translation>ERSTATTET: %1</translation>
    </message>
    <message>
        <location filename="../ui/RefundReceiptDialog.cpp" line="44"/>
        <source>Print refund receipt</source>
        <translation>Erstattungsbeleg drucken</translation>
    </message>
    <message>
        <location filename="../ui/RefundReceiptDialog.cpp" line="45"/>
        <source>Save refund receipt as PDF</source>
        <translation>Erstattungsbeleg als PDF speichern</translation>
    </message>
    <message>
        <location filename="../ui/RefundReceiptDialog.cpp" line="46"/>
        <source>Done (Enter)</source>
        <translation>Fertig (Enter)</translation>
    </message>
    <message>
        <location filename="../ui/RefundReceiptDialog.cpp" line="55"/>
        <source>Amount given back</source>
        <translation>Erstatteter Betrag</translation>
    </message>
</context>
<context>
    <name>pos::ui::RemoteAuditRegisterModel</name>
    <message>
        <location filename="../ui/RemoteAuditRegisterModel.cpp" line="59"/>
        <source>%1 (this register)</source>
        <translation>%1 (diese Kasse)</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditRegisterModel.cpp" line="61"/>
        <source>%1 (revoked)</source>
        <translation>%1 (gesperrt)</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditRegisterModel.cpp" line="70"/>
        <source>Store %1</source>
        <translation>Filiale %1</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditRegisterModel.cpp" line="78"/>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditRegisterModel.cpp" line="80"/>
        <source>Fetching: %1 of %2 rows…</source>
        <translation>Wird geholt: %1 von %2 Zeilen…</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditRegisterModel.cpp" line="83"/>
        <source>Checking %1 rows…</source>
        <translation>%1 Zeilen werden geprüft…</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditRegisterModel.cpp" line="85"/>
        <source>Not checked: %1</source>
        <translation>Nicht geprüft: %1</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditRegisterModel.cpp" line="95"/>
        <source>Damaged at row %1: %2 — %3</source>
        <translation>Beschädigt bei Zeile %1: %2 — %3</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditRegisterModel.cpp" line="98"/>
        <source>Damaged: %1 — %2</source>
        <translation>Beschädigt: %1 — %2</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditRegisterModel.cpp" line="101"/>
        <source>Rows 0 to %1 before it are intact.</source>
        <translation>Die Zeilen 0 bis %1 davor sind unversehrt.</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditRegisterModel.cpp" line="106"/>
        <source>Damaged: the server&apos;s countersignature is wrong — %1</source>
        <translation>Beschädigt: Die Gegensignatur des Servers ist falsch — %1</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditRegisterModel.cpp" line="110"/>
        <source>Verified: all %1 rows intact, signed by this register&apos;s own key</source>
        <translation>Geprüft: alle %1 Zeilen unversehrt, signiert mit dem eigenen Schlüssel dieser Kasse</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditRegisterModel.cpp" line="112"/>
        <source>Verified: all %1 rows intact, signed by the key this desktop first saw for it on %2</source>
        <translation>Geprüft: alle %1 Zeilen unversehrt, signiert mit dem Schlüssel, den dieser Computer am %2 zuerst für sie gesehen hat</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditRegisterModel.cpp" line="115"/>
        <source>Verified: all %1 rows intact, signed by the register&apos;s enrolled key (seen here for the first time: this desktop remembers it from now on)</source>
        <translation>Geprüft: alle %1 Zeilen unversehrt, signiert mit dem angemeldeten Schlüssel der Kasse (hier zum ersten Mal gesehen: dieser Computer merkt ihn sich ab jetzt)</translation>
    </message>
    <message>
        <source>Verified: all %1 rows intact, signed by the register&apos;s enrolled key</source>
        <translation type="vanished">Geprüft: alle %1 Zeilen unversehrt, signiert mit dem angemeldeten Schlüssel der Kasse</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditRegisterModel.cpp" line="119"/>
        <source>(the server countersigned rows 0 to %1)</source>
        <translation>(der Server hat die Zeilen 0 bis %1 gegengezeichnet)</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditRegisterModel.cpp" line="150"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditRegisterModel.cpp" line="159"/>
        <source>The server has no signing key for this register.</source>
        <translation>Der Server hat keinen Signaturschlüssel für diese Kasse.</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditRegisterModel.cpp" line="160"/>
        <source>The register&apos;s audit key as enrolled on the server: %1</source>
        <translation>Prüfprotokoll-Schlüssel der Kasse, wie auf dem Server angemeldet: %1</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditRegisterModel.cpp" line="163"/>
        <source>The key this desktop first saw for it on %1: %2</source>
        <translation>Der Schlüssel, den dieser Computer am %1 zuerst für sie gesehen hat: %2</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditRegisterModel.cpp" line="192"/>
        <source>Register</source>
        <translation>Kasse</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditRegisterModel.cpp" line="194"/>
        <source>Store</source>
        <translation>Filiale</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditRegisterModel.cpp" line="196"/>
        <source>Rows on the server</source>
        <translation>Zeilen auf dem Server</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditRegisterModel.cpp" line="198"/>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditRegisterModel.cpp" line="200"/>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
</context>
<context>
    <name>pos::ui::RemoteAuditRowModel</name>
    <message>
        <location filename="../ui/RemoteAuditRowModel.cpp" line="61"/>
        <source>The register itself</source>
        <translation>Die Kasse selbst</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditRowModel.cpp" line="63"/>
        <source>User #%1</source>
        <translation>Benutzer #%1</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditRowModel.cpp" line="64"/>
        <source>User #%1 (approved by #%2)</source>
        <translation>Benutzer #%1 (genehmigt von #%2)</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditRowModel.cpp" line="74"/>
        <source>The check found this row bad: see the register&apos;s badge.</source>
        <translation>Die Prüfung hat diese Zeile als fehlerhaft erkannt: siehe Prüfzeichen der Kasse.</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditRowModel.cpp" line="75"/>
        <source>After the first bad row: this row cannot be vouched for.</source>
        <translation>Nach der ersten fehlerhaften Zeile: Für diese Zeile kann nicht gebürgt werden.</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditRowModel.cpp" line="94"/>
        <source>Row</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditRowModel.cpp" line="96"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditRowModel.cpp" line="98"/>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditRowModel.cpp" line="100"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditRowModel.cpp" line="102"/>
        <source>What</source>
        <translation>Was</translation>
    </message>
</context>
<context>
    <name>pos::ui::RemoteAuditWindow</name>
    <message>
        <location filename="../ui/RemoteAuditWindow.cpp" line="76"/>
        <source>Audit logs of all registers (from the server)</source>
        <translation>Prüfprotokolle aller Kassen (vom Server)</translation>
    </message>
    <message>
        <source>The audit logs of every register of your stores as the sync server holds them. Each is checked here, on this computer, with that register&apos;s own key: a row changed on the server shows as damaged.</source>
        <translation type="vanished">Die Prüfprotokolle aller Kassen Ihrer Filialen, wie der Sync-Server sie hält. Jedes wird hier, auf diesem Computer, mit dem eigenen Schlüssel seiner Kasse geprüft: Eine auf dem Server geänderte Zeile erscheint als beschädigt.</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditWindow.cpp" line="82"/>
        <source>The audit logs of every register of your stores as the sync server holds them. Each is checked here, on this computer, with that register&apos;s own key: a row changed on the server shows as damaged. This computer remembers each register&apos;s key and newest row the first time it verifies them, so a key swapped or rows removed on the server later show as damaged too.</source>
        <translation>Die Prüfprotokolle aller Kassen Ihrer Filialen, wie der Sync-Server sie hält. Jedes wird hier, auf diesem Computer, mit dem eigenen Schlüssel seiner Kasse geprüft: Eine auf dem Server geänderte Zeile erscheint als beschädigt. Dieser Computer merkt sich beim ersten Prüfen den Schlüssel und die neueste Zeile jeder Kasse, sodass ein später auf dem Server ausgetauschter Schlüssel oder entfernte Zeilen ebenfalls als beschädigt erscheinen.</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditWindow.cpp" line="96"/>
        <source>Your user code on the sync server</source>
        <translation>Ihr Benutzerkürzel auf dem Sync-Server</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditWindow.cpp" line="101"/>
        <source>Your password on the sync server</source>
        <translation>Ihr Passwort auf dem Sync-Server</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditWindow.cpp" line="104"/>
        <source>S&amp;ign in (Enter)</source>
        <translation>&amp;Anmelden (Eingabe)</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditWindow.cpp" line="107"/>
        <source>&amp;User code:</source>
        <translation>&amp;Benutzerkürzel:</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditWindow.cpp" line="109"/>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditWindow.cpp" line="129"/>
        <source>Fetching and checking the registers&apos; logs</source>
        <translation>Protokolle der Kassen werden geholt und geprüft</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditWindow.cpp" line="141"/>
        <source>Registers</source>
        <translation>Kassen</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditWindow.cpp" line="143"/>
        <source>The register&apos;s audit rows</source>
        <translation>Prüfprotokoll-Zeilen der Kasse</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditWindow.cpp" line="147"/>
        <source>The row&apos;s detail</source>
        <translation>Einzelheiten der Zeile</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditWindow.cpp" line="171"/>
        <source>Fetch and check &amp;again (F5)</source>
        <translation>&amp;Erneut holen und prüfen (F5)</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditWindow.cpp" line="176"/>
        <source>Close (Esc)</source>
        <translation>Schließen (Esc)</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditWindow.cpp" line="216"/>
        <source>Signing in to the sync server…</source>
        <translation>Anmeldung am Sync-Server…</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditWindow.cpp" line="233"/>
        <source>Signed in to %1 as user %2 (%3).</source>
        <translation>Bei %1 als Benutzer %2 (%3) angemeldet.</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditWindow.cpp" line="250"/>
        <source>Listing the registers of your stores…</source>
        <translation>Kassen Ihrer Filialen werden aufgelistet…</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditWindow.cpp" line="293"/>
        <source>Fetching the log of %1…</source>
        <translation>Protokoll von %1 wird geholt…</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditWindow.cpp" line="304"/>
        <source>Fetching the log of %1: %2 of %3 rows…</source>
        <translation>Protokoll von %1 wird geholt: %2 von %3 Zeilen…</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditWindow.cpp" line="326"/>
        <source>Checking the log of %1…</source>
        <translation>Protokoll von %1 wird geprüft…</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditWindow.cpp" line="369"/>
        <source>This desktop could not remember what it verified of %1: %2</source>
        <translation>Dieser Computer konnte sich nicht merken, was er von %1 geprüft hat: %2</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditWindow.cpp" line="410"/>
        <source>The server holds no register of your stores.</source>
        <translation>Der Server hat keine Kasse Ihrer Filialen.</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditWindow.cpp" line="412"/>
        <source>All %1 registers&apos; logs are intact.</source>
        <translation>Die Protokolle aller %1 Kassen sind unversehrt.</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditWindow.cpp" line="414"/>
        <source>%1 of %2 registers&apos; logs are intact; %3 damaged, %4 not checked.</source>
        <translation>%1 von %2 Kassenprotokollen sind unversehrt; %3 beschädigt, %4 nicht geprüft.</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditWindow.cpp" line="443"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditWindow.cpp" line="493"/>
        <source>Row %1 of register %2, %3</source>
        <translation>Zeile %1 der Kasse %2, %3</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditWindow.cpp" line="499"/>
        <source>The check found damage at or before this row: it cannot be vouched for.</source>
        <translation>Die Prüfung hat bei oder vor dieser Zeile einen Schaden gefunden: Für sie kann nicht gebürgt werden.</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditWindow.cpp" line="505"/>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditWindow.cpp" line="505"/>
        <source>After</source>
        <translation>Nachher</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditWindow.cpp" line="535"/>
        <source>stopped before it was checked</source>
        <translation>angehalten, bevor es geprüft wurde</translation>
    </message>
    <message>
        <location filename="../ui/RemoteAuditWindow.cpp" line="539"/>
        <source>Stopped.</source>
        <translation>Angehalten.</translation>
    </message>
</context>
<context>
    <name>pos::ui::ReportChart</name>
    <message>
        <location filename="../ui/ReportChart.cpp" line="119"/>
        <source>A bar chart of %1; the table beside it shows the same figures.</source>
        <translation>Ein Balkendiagramm für %1; die Tabelle daneben zeigt dieselben Zahlen.</translation>
    </message>
</context>
<context>
    <name>pos::ui::ReportDialog</name>
    <message>
        <location filename="../ui/ReportDialog.cpp" line="15"/>
        <source>X report: figures so far, the shift stays open</source>
        <translation>X-Bericht: Zahlen bis jetzt, die Schicht bleibt offen</translation>
    </message>
    <message>
        <location filename="../ui/ReportDialog.cpp" line="18"/>
        <source>Shift closed. Drawer OVER by %1</source>
        <translation>Schicht geschlossen. Kasse mit %1 im PLUS</translation>
    </message>
    <message>
        <location filename="../ui/ReportDialog.cpp" line="20"/>
        <source>Shift closed. Drawer SHORT by %1</source>
        <translation>Schicht geschlossen. Kasse mit %1 im MINUS</translation>
    </message>
    <message>
        <location filename="../ui/ReportDialog.cpp" line="21"/>
        <source>Shift closed. The drawer balances</source>
        <translation>Schicht geschlossen. Die Kasse stimmt</translation>
    </message>
    <message>
        <location filename="../ui/ReportDialog.cpp" line="35"/>
        <source>Z report, shift %1</source>
        <translation>Z-Bericht, Schicht %1</translation>
    </message>
    <message>
        <location filename="../ui/ReportDialog.cpp" line="36"/>
        <source>X report, shift %1</source>
        <translation>X-Bericht, Schicht %1</translation>
    </message>
    <message>
        <location filename="../ui/ReportDialog.cpp" line="53"/>
        <source>Report summary</source>
        <translation>Zusammenfassung des Berichts</translation>
    </message>
    <message>
        <location filename="../ui/ReportDialog.cpp" line="33"/>
        <source>Z report %1</source>
        <translation>Z-Bericht %1</translation>
    </message>
    <message>
        <location filename="../ui/ReportDialog.cpp" line="33"/>
        <source>X report %1</source>
        <translation>X-Bericht %1</translation>
    </message>
    <message>
        <location filename="../ui/ReportDialog.cpp" line="41"/>
        <source>z-report-%1.pdf</source>
        <translation>z-bericht-%1.pdf</translation>
    </message>
    <message>
        <location filename="../ui/ReportDialog.cpp" line="42"/>
        <source>x-report-%1.pdf</source>
        <translation>x-bericht-%1.pdf</translation>
    </message>
    <message>
        <location filename="../ui/ReportDialog.cpp" line="43"/>
        <source>Print report</source>
        <translation>Bericht drucken</translation>
    </message>
    <message>
        <location filename="../ui/ReportDialog.cpp" line="43"/>
        <source>Save report as PDF</source>
        <translation>Bericht als PDF speichern</translation>
    </message>
    <message>
        <location filename="../ui/ReportDialog.cpp" line="44"/>
        <source>Close (Enter)</source>
        <translation>Schließen (Enter)</translation>
    </message>
</context>
<context>
    <name>pos::ui::ReportTables</name>
    <message>
        <location filename="../ui/ReportTables.cpp" line="68"/>
        <source>No category</source>
        <translation>Ohne Kategorie</translation>
    </message>
    <message>
        <location filename="../ui/ReportTables.cpp" line="78"/>
        <source>Sales by hour</source>
        <translation>Umsatz nach Stunde</translation>
    </message>
    <message>
        <location filename="../ui/ReportTables.cpp" line="78"/>
        <source>Hour</source>
        <translation>Stunde</translation>
    </message>
    <message>
        <location filename="../ui/ReportTables.cpp" line="78"/>
        <location filename="../ui/ReportTables.cpp" line="114"/>
        <location filename="../ui/ReportTables.cpp" line="125"/>
        <source>Sales</source>
        <translation>Bons</translation>
    </message>
    <message>
        <location filename="../ui/ReportTables.cpp" line="78"/>
        <location filename="../ui/ReportTables.cpp" line="84"/>
        <location filename="../ui/ReportTables.cpp" line="91"/>
        <location filename="../ui/ReportTables.cpp" line="103"/>
        <location filename="../ui/ReportTables.cpp" line="114"/>
        <location filename="../ui/ReportTables.cpp" line="118"/>
        <location filename="../ui/ReportTables.cpp" line="138"/>
        <location filename="../ui/ReportTables.cpp" line="158"/>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <location filename="../ui/ReportTables.cpp" line="90"/>
        <source>Sales by category</source>
        <translation>Umsatz nach Kategorie</translation>
    </message>
    <message>
        <location filename="../ui/ReportTables.cpp" line="91"/>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <location filename="../ui/ReportTables.cpp" line="91"/>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <location filename="../ui/ReportTables.cpp" line="91"/>
        <source>Net</source>
        <translation>Netto</translation>
    </message>
    <message>
        <location filename="../ui/ReportTables.cpp" line="95"/>
        <source>Margin</source>
        <translation>Marge</translation>
    </message>
    <message>
        <location filename="../ui/ReportTables.cpp" line="114"/>
        <source>Sales by cashier</source>
        <translation>Umsatz nach Kassierer</translation>
    </message>
    <message>
        <location filename="../ui/ReportTables.cpp" line="114"/>
        <source>Cashier</source>
        <translation>Kassierer</translation>
    </message>
    <message>
        <location filename="../ui/ReportTables.cpp" line="114"/>
        <source>Average</source>
        <translation>Durchschnitt</translation>
    </message>
    <message>
        <location filename="../ui/ReportTables.cpp" line="124"/>
        <source>Voids by staff</source>
        <translation>Stornos nach Mitarbeiter</translation>
    </message>
    <message>
        <location filename="../ui/ReportTables.cpp" line="125"/>
        <source>Voided by</source>
        <translation>Storniert von</translation>
    </message>
    <message>
        <location filename="../ui/ReportTables.cpp" line="125"/>
        <source>Lines</source>
        <translation>Positionen</translation>
    </message>
    <message>
        <location filename="../ui/ReportTables.cpp" line="125"/>
        <location filename="../ui/ReportTables.cpp" line="147"/>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <location filename="../ui/ReportTables.cpp" line="125"/>
        <source>Approved by</source>
        <translation>Freigegeben von</translation>
    </message>
    <message>
        <location filename="../ui/ReportTables.cpp" line="126"/>
        <source>Without approval</source>
        <translation>Ohne Freigabe</translation>
    </message>
    <message>
        <location filename="../ui/ReportTables.cpp" line="146"/>
        <source>Refunds by staff</source>
        <translation>Erstattungen nach Mitarbeiter</translation>
    </message>
    <message>
        <location filename="../ui/ReportTables.cpp" line="147"/>
        <source>Refunded by</source>
        <translation>Erstattet von</translation>
    </message>
    <message>
        <location filename="../ui/ReportTables.cpp" line="147"/>
        <source>Refunds</source>
        <translation>Erstattungen</translation>
    </message>
    <message>
        <location filename="../ui/ReportTables.cpp" line="147"/>
        <source>With receipt</source>
        <translation>Mit Bon</translation>
    </message>
    <message>
        <location filename="../ui/ReportTables.cpp" line="147"/>
        <source>Without receipt</source>
        <translation>Ohne Bon</translation>
    </message>
</context>
<context>
    <name>pos::ui::ReportsWindow</name>
    <message>
        <location filename="../ui/ReportsWindow.cpp" line="59"/>
        <source>Reports: %1</source>
        <translation>Berichte: %1</translation>
    </message>
    <message>
        <location filename="../ui/ReportsWindow.cpp" line="67"/>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <location filename="../ui/ReportsWindow.cpp" line="67"/>
        <source>Yesterday</source>
        <translation>Gestern</translation>
    </message>
    <message>
        <location filename="../ui/ReportsWindow.cpp" line="67"/>
        <source>This week</source>
        <translation>Diese Woche</translation>
    </message>
    <message>
        <location filename="../ui/ReportsWindow.cpp" line="67"/>
        <source>Chosen days</source>
        <translation>Eigener Zeitraum</translation>
    </message>
    <message>
        <location filename="../ui/ReportsWindow.cpp" line="76"/>
        <source>First day</source>
        <translation>Erster Tag</translation>
    </message>
    <message>
        <location filename="../ui/ReportsWindow.cpp" line="77"/>
        <source>Last day</source>
        <translation>Letzter Tag</translation>
    </message>
    <message>
        <location filename="../ui/ReportsWindow.cpp" line="80"/>
        <source>All registers</source>
        <translation>Alle Kassen</translation>
    </message>
    <message>
        <location filename="../ui/ReportsWindow.cpp" line="81"/>
        <source>&amp;Period:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <location filename="../ui/ReportsWindow.cpp" line="84"/>
        <source>&amp;From:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <location filename="../ui/ReportsWindow.cpp" line="86"/>
        <source>T&amp;o:</source>
        <translation>&amp;Bis:</translation>
    </message>
    <message>
        <location filename="../ui/ReportsWindow.cpp" line="89"/>
        <source>&amp;Register:</source>
        <translation>&amp;Kasse:</translation>
    </message>
    <message>
        <location filename="../ui/ReportsWindow.cpp" line="102"/>
        <location filename="../ui/ReportsWindow.cpp" line="104"/>
        <source>Sales by hour</source>
        <translation>Umsatz nach Stunde</translation>
    </message>
    <message>
        <location filename="../ui/ReportsWindow.cpp" line="105"/>
        <location filename="../ui/ReportsWindow.cpp" line="107"/>
        <source>Sales by category</source>
        <translation>Umsatz nach Kategorie</translation>
    </message>
    <message>
        <location filename="../ui/ReportsWindow.cpp" line="108"/>
        <location filename="../ui/ReportsWindow.cpp" line="110"/>
        <source>Sales by cashier</source>
        <translation>Umsatz nach Kassierer</translation>
    </message>
    <message>
        <location filename="../ui/ReportsWindow.cpp" line="114"/>
        <source>By &amp;hour</source>
        <translation>Nach &amp;Stunde</translation>
    </message>
    <message>
        <location filename="../ui/ReportsWindow.cpp" line="115"/>
        <source>By &amp;category</source>
        <translation>Nach Ka&amp;tegorie</translation>
    </message>
    <message>
        <location filename="../ui/ReportsWindow.cpp" line="116"/>
        <source>By c&amp;ashier</source>
        <translation>Nach K&amp;assierer</translation>
    </message>
    <message>
        <location filename="../ui/ReportsWindow.cpp" line="117"/>
        <source>&amp;Voids &amp;&amp; refunds</source>
        <translation>St&amp;ornos &amp;&amp; Erstattungen</translation>
    </message>
    <message>
        <location filename="../ui/ReportsWindow.cpp" line="121"/>
        <source>&amp;Print or PDF… (Ctrl+P)</source>
        <translation>&amp;Drucken oder PDF … (Strg+P)</translation>
    </message>
    <message>
        <location filename="../ui/ReportsWindow.cpp" line="124"/>
        <source>Close (Esc)</source>
        <translation>Schließen (Esc)</translation>
    </message>
    <message>
        <location filename="../ui/ReportsWindow.cpp" line="180"/>
        <location filename="../ui/ReportsWindow.cpp" line="182"/>
        <source>Voids by staff</source>
        <translation>Stornos nach Mitarbeiter</translation>
    </message>
    <message>
        <location filename="../ui/ReportsWindow.cpp" line="181"/>
        <location filename="../ui/ReportsWindow.cpp" line="183"/>
        <source>Refunds by staff</source>
        <translation>Erstattungen nach Mitarbeiter</translation>
    </message>
    <message>
        <location filename="../ui/ReportsWindow.cpp" line="297"/>
        <source>No sales in these days</source>
        <translation>Keine Verkäufe in diesem Zeitraum</translation>
    </message>
    <message>
        <location filename="../ui/ReportsWindow.cpp" line="308"/>
        <location filename="../ui/ReportsWindow.cpp" line="320"/>
        <location filename="../ui/ReportsWindow.cpp" line="331"/>
        <source>Sales total</source>
        <translation>Umsatz</translation>
    </message>
    <message>
        <location filename="../ui/ReportsWindow.cpp" line="334"/>
        <source>1 sale</source>
        <translation>1 Bon</translation>
    </message>
    <message>
        <location filename="../ui/ReportsWindow.cpp" line="334"/>
        <source>%1 sales</source>
        <translation>%1 Bons</translation>
    </message>
    <message>
        <location filename="../ui/ReportsWindow.cpp" line="336"/>
        <source>%1, %2: %3, %4</source>
        <translation>%1, %2: %3, %4</translation>
    </message>
    <message>
        <location filename="../ui/ReportsWindow.cpp" line="359"/>
        <source>all registers</source>
        <translation>alle Kassen</translation>
    </message>
    <message>
        <location filename="../ui/ReportsWindow.cpp" line="368"/>
        <source>%1 to %2</source>
        <translation>%1 bis %2</translation>
    </message>
    <message>
        <location filename="../ui/ReportsWindow.cpp" line="375"/>
        <source>SALES REPORT</source>
        <translation>UMSATZBERICHT</translation>
    </message>
    <message>
        <location filename="../ui/ReportsWindow.cpp" line="377"/>
        <source>Printed %1 by %2</source>
        <translation>Gedruckt am %1 von %2</translation>
    </message>
    <message>
        <location filename="../ui/ReportsWindow.cpp" line="391"/>
        <source>Sales report</source>
        <translation>Umsatzbericht</translation>
    </message>
    <message>
        <location filename="../ui/ReportsWindow.cpp" line="395"/>
        <source>Sales report %1</source>
        <translation>Umsatzbericht %1</translation>
    </message>
    <message>
        <location filename="../ui/ReportsWindow.cpp" line="395"/>
        <source>sales-report-%1.pdf</source>
        <translation>umsatzbericht-%1.pdf</translation>
    </message>
    <message>
        <location filename="../ui/ReportsWindow.cpp" line="396"/>
        <source>Print report</source>
        <translation>Bericht drucken</translation>
    </message>
    <message>
        <location filename="../ui/ReportsWindow.cpp" line="396"/>
        <source>Save report as PDF</source>
        <translation>Bericht als PDF speichern</translation>
    </message>
    <message>
        <location filename="../ui/ReportsWindow.cpp" line="397"/>
        <source>Close (Enter)</source>
        <translation>Schließen (Enter)</translation>
    </message>
</context>
<context>
    <name>pos::ui::RoleEditorDialog</name>
    <message>
        <location filename="../ui/RoleEditorDialog.cpp" line="40"/>
        <source>Roles and permissions</source>
        <translation>Rollen und Berechtigungen</translation>
    </message>
    <message>
        <location filename="../ui/RoleEditorDialog.cpp" line="47"/>
        <source>Store</source>
        <translation>Filiale</translation>
    </message>
    <message>
        <location filename="../ui/RoleEditorDialog.cpp" line="48"/>
        <source>&amp;Store</source>
        <translation>&amp;Filiale</translation>
    </message>
    <message>
        <location filename="../ui/RoleEditorDialog.cpp" line="50"/>
        <source>Ticked: the role may do this in the store. Bold: changed from the role&apos;s default for this store. Owners may always do everything.</source>
        <translation>Angehakt: Die Rolle darf das in der Filiale. Fett: für diese Filiale gegenüber dem Standard der Rolle geändert. Inhaber dürfen immer alles.</translation>
    </message>
    <message>
        <location filename="../ui/RoleEditorDialog.cpp" line="59"/>
        <source>Permissions by role</source>
        <translation>Berechtigungen nach Rolle</translation>
    </message>
    <message>
        <location filename="../ui/RoleEditorDialog.cpp" line="89"/>
        <source>Save (Ctrl+S)</source>
        <translation>Speichern (Strg+S)</translation>
    </message>
    <message>
        <location filename="../ui/RoleEditorDialog.cpp" line="94"/>
        <source>History and undo… (Ctrl+H)</source>
        <translation>Verlauf und Rückgängig … (Strg+H)</translation>
    </message>
    <message>
        <location filename="../ui/RoleEditorDialog.cpp" line="97"/>
        <source>Close (Esc)</source>
        <translation>Schließen (Esc)</translation>
    </message>
    <message>
        <location filename="../ui/RoleEditorDialog.cpp" line="157"/>
        <source>Unsaved changes for the other store were discarded.</source>
        <translation>Nicht gespeicherte Änderungen für die andere Filiale wurden verworfen.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/RoleEditorDialog.cpp" line="158"/>
        <source>%n change(s) from the defaults in this store.</source>
        <translation>
            <numerusform>%n Änderung gegenüber dem Standard in dieser Filiale.</numerusform>
            <numerusform>%n Änderungen gegenüber dem Standard in dieser Filiale.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/RoleEditorDialog.cpp" line="169"/>
        <location filename="../ui/RoleEditorDialog.cpp" line="180"/>
        <source>allowed</source>
        <translation>erlaubt</translation>
    </message>
    <message>
        <location filename="../ui/RoleEditorDialog.cpp" line="169"/>
        <location filename="../ui/RoleEditorDialog.cpp" line="180"/>
        <source>not allowed</source>
        <translation>nicht erlaubt</translation>
    </message>
    <message>
        <location filename="../ui/RoleEditorDialog.cpp" line="171"/>
        <source>Owners may always do everything.</source>
        <translation>Inhaber dürfen immer alles.</translation>
    </message>
    <message>
        <location filename="../ui/RoleEditorDialog.cpp" line="174"/>
        <source>Changed for this store. The %1 role&apos;s default: %2.</source>
        <translation>Für diese Filiale geändert. Standard der Rolle %1: %2.</translation>
    </message>
    <message>
        <location filename="../ui/RoleEditorDialog.cpp" line="176"/>
        <source>The %1 role&apos;s default: %2.</source>
        <translation>Standard der Rolle %1: %2.</translation>
    </message>
    <message>
        <location filename="../ui/RoleEditorDialog.cpp" line="194"/>
        <source>Not saved yet: Save (Ctrl+S) applies the changes.</source>
        <translation>Noch nicht gespeichert: Speichern (Strg+S) übernimmt die Änderungen.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/RoleEditorDialog.cpp" line="222"/>
        <source>Saved: %n change(s).</source>
        <translation>
            <numerusform>Gespeichert: %n Änderung.</numerusform>
            <numerusform>Gespeichert: %n Änderungen.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/RoleEditorDialog.cpp" line="228"/>
        <source>Permission changes in %1</source>
        <translation>Änderungen der Berechtigungen in %1</translation>
    </message>
</context>
<context>
    <name>pos::ui::SearchResultsList</name>
    <message>
        <location filename="../ui/SearchResultsList.cpp" line="10"/>
        <source>Search results</source>
        <translation>Suchergebnisse</translation>
    </message>
    <message>
        <location filename="../ui/SearchResultsList.cpp" line="29"/>
        <source>%1/kg</source>
        <translation>%1/kg</translation>
    </message>
</context>
<context>
    <name>pos::ui::SetupWizard</name>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="49"/>
        <source>Set up this register</source>
        <translation>Diese Kasse einrichten</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="60"/>
        <source>Finish and sign in</source>
        <translation>Abschließen und anmelden</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="73"/>
        <source>Register 1</source>
        <translation>Kasse 1</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="105"/>
        <source>Your business</source>
        <translation>Ihr Unternehmen</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="106"/>
        <source>This register is new. First the names the receipts and reports use.</source>
        <translation>Diese Kasse ist neu. Zuerst die Namen, die auf Bons und Berichten stehen.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="109"/>
        <source>Welcome. These steps create the company, the store and this register, and the owner&apos;s account. Nothing here has a preset password: you choose every one.</source>
        <translation>Willkommen. Diese Schritte legen das Unternehmen, die Filiale, diese Kasse und das Konto des Inhabers an. Hier gibt es keine voreingestellten Passwörter: Sie wählen jedes selbst.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="114"/>
        <source>&amp;Company:</source>
        <translation>&amp;Unternehmen:</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="115"/>
        <source>&amp;Store:</source>
        <translation>&amp;Filiale:</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="116"/>
        <source>&amp;Register name:</source>
        <translation>&amp;Name der Kasse:</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="117"/>
        <source>C&amp;urrency:</source>
        <translation>Wä&amp;hrung:</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="121"/>
        <source>The three-letter ISO 4217 code, for example EUR, USD or GBP.</source>
        <translation>Der dreistellige Code nach ISO 4217, zum Beispiel EUR, USD oder GBP.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="136"/>
        <source>The owner&apos;s account</source>
        <translation>Das Konto des Inhabers</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="137"/>
        <source>The owner can do everything, so the account needs a strong password and, next, a code from an authenticator app.</source>
        <translation>Der Inhaber darf alles, daher braucht das Konto ein starkes Passwort und im nächsten Schritt einen Authenticator-Code.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="141"/>
        <source>Your &amp;name:</source>
        <translation>Ihr &amp;Name:</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="142"/>
        <source>Your user &amp;code:</source>
        <translation>Ihre &amp;Benutzernummer:</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="144"/>
        <source>2 to 8 digits. You type it at the lock screen to say who you are; it is not a password.</source>
        <translation>2 bis 8 Ziffern. Sie geben sie am Sperrbildschirm ein, um zu zeigen, wer Sie sind; sie ist kein Passwort.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="147"/>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="149"/>
        <source>Password &amp;again:</source>
        <translation>Passwort wieder&amp;holen:</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="168"/>
        <source>Two-step sign-in</source>
        <translation>Anmeldung in zwei Schritten</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="169"/>
        <source>The owner signs in with the password and a code from an authenticator app on their phone, which changes every 30 seconds.</source>
        <translation>Der Inhaber meldet sich mit dem Passwort und einem Code aus einer Authenticator-App auf dem Smartphone an, der sich alle 30 Sekunden ändert.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="179"/>
        <source>1. Open an authenticator app on your phone (for example FreeOTP, Aegis or Google Authenticator) and add an account.
2. Scan this QR code, or type the key below.
3. Type the 6-digit code the app shows now.</source>
        <translation>1. Eine Authenticator-App auf dem Smartphone öffnen (zum Beispiel FreeOTP, Aegis oder Google Authenticator) und ein Konto hinzufügen.
2. Diesen QR-Code scannen oder den Schlüssel darunter eingeben.
3. Den 6-stelligen Code eingeben, den die App jetzt anzeigt.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="185"/>
        <source>Key:</source>
        <translation>Schlüssel:</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="197"/>
        <source>Key for the authenticator app</source>
        <translation>Schlüssel für die Authenticator-App</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="199"/>
        <source>Keep the key secret: whoever has it can make your codes.</source>
        <translation>Den Schlüssel geheim halten: Wer ihn hat, kann Ihre Codes erzeugen.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="207"/>
        <source>Code the app shows now</source>
        <translation>Code, den die App jetzt anzeigt</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="211"/>
        <source>C&amp;ode the app shows now:</source>
        <translation>&amp;Code, den die App jetzt anzeigt:</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="226"/>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="227"/>
        <source>Finish creates everything and signs you in.</source>
        <translation>„Abschließen und anmelden“ legt alles an und meldet Sie an.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="233"/>
        <source>&amp;Load the demo catalog (500 products with barcodes) to try the counter</source>
        <translation>Demo-Sortiment &amp;laden (500 Artikel mit Barcodes), um die Kasse auszuprobieren</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="236"/>
        <source>Add your staff afterwards under Staff. Cashiers sign in with a PIN that you or a manager give them.</source>
        <translation>Ihre Mitarbeiter legen Sie danach unter Personal an. Kassierer melden sich mit einer PIN an, die Sie oder ein Manager vergeben.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="258"/>
        <source>Company: %1
Store: %2
Register: %3 (%4)
Owner: %5, user code %6</source>
        <translation>Unternehmen: %1
Filiale: %2
Kasse: %3 (%4)
Inhaber: %5, Benutzernummer %6</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="301"/>
        <source>Enter the company&apos;s name.</source>
        <translation>Den Namen des Unternehmens eingeben.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="303"/>
        <source>Enter the store&apos;s name.</source>
        <translation>Den Namen der Filiale eingeben.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="305"/>
        <source>Give this register a name, for example &quot;Register 1&quot;.</source>
        <translation>Dieser Kasse einen Namen geben, zum Beispiel „Kasse 1“.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="307"/>
        <source>The currency is a three-letter code, for example EUR.</source>
        <translation>Die Währung ist ein Code aus drei Buchstaben, zum Beispiel EUR.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="315"/>
        <source>At least %1 characters (%2 so far). A few unrelated words make a good password that is easy to type.</source>
        <translation>Mindestens %1 Zeichen (bisher %2). Einige voneinander unabhängige Wörter ergeben ein gutes Passwort, das sich leicht tippen lässt.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="320"/>
        <source>The second password is not the same yet.</source>
        <translation>Das zweite Passwort stimmt noch nicht überein.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="329"/>
        <source>Enter your name.</source>
        <translation>Ihren Namen eingeben.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="331"/>
        <source>Choose a user code of 2 to 8 digits.</source>
        <translation>Eine Benutzernummer aus 2 bis 8 Ziffern wählen.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="333"/>
        <source>The two passwords are not the same. Type the same password twice.</source>
        <translation>Die beiden Passwörter stimmen nicht überein. Zweimal dasselbe Passwort eingeben.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="336"/>
        <source>This password is not accepted: %1</source>
        <translation>Dieses Passwort wird nicht akzeptiert: %1</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="346"/>
        <source>No key could be made for the authenticator app. Close the wizard and start the register again.</source>
        <translation>Für die Authenticator-App ließ sich kein Schlüssel erzeugen. Den Assistenten schließen und die Kasse neu starten.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="349"/>
        <source>Type the 6-digit code the app shows now.</source>
        <translation>Den 6-stelligen Code eingeben, den die App jetzt anzeigt.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="355"/>
        <source>That code is not right. Type the code the app shows now, and check that the phone&apos;s clock is right.</source>
        <translation>Dieser Code stimmt nicht. Den Code eingeben, den die App jetzt anzeigt, und prüfen, ob die Uhr des Smartphones richtig geht.</translation>
    </message>
    <message>
        <location filename="../ui/SetupWizard.cpp" line="382"/>
        <source>The code has changed meanwhile. Type the code the app shows now.</source>
        <translation>Der Code hat sich inzwischen geändert. Den Code eingeben, den die App jetzt anzeigt.</translation>
    </message>
</context>
<context>
    <name>pos::ui::ShiftFlow</name>
    <message>
        <location filename="../ui/ShiftFlow.cpp" line="24"/>
        <source>Shift %1 since %2 · %3 · float %4</source>
        <translation>Schicht %1 seit %2 · %3 · Wechselgeld %4</translation>
    </message>
    <message>
        <location filename="../ui/ShiftFlow.cpp" line="36"/>
        <source>A sale is in progress: complete it, hold it (F5) or throw it away (F8) before closing the shift.</source>
        <translation>Ein Bon ist offen: Bitte abschließen, parken (F5) oder verwerfen (F8), bevor die Schicht geschlossen wird.</translation>
    </message>
    <message>
        <location filename="../ui/ShiftFlow.cpp" line="64"/>
        <source>Cash in recorded.</source>
        <translation>Einlage gebucht.</translation>
    </message>
    <message>
        <location filename="../ui/ShiftFlow.cpp" line="64"/>
        <source>Cash out recorded.</source>
        <translation>Entnahme gebucht.</translation>
    </message>
    <message>
        <location filename="../ui/ShiftFlow.cpp" line="81"/>
        <source>Close shift</source>
        <translation>Schicht schließen</translation>
    </message>
    <message>
        <location filename="../ui/ShiftFlow.cpp" line="82"/>
        <source>Count the cash in the drawer and enter the total (%1):</source>
        <translation>Das Bargeld in der Kasse zählen und die Summe eingeben (%1):</translation>
    </message>
    <message>
        <location filename="../ui/ShiftFlow.cpp" line="94"/>
        <source>The Z report then compares it with the cash expected in the drawer.</source>
        <translation>Der Z-Bericht vergleicht sie dann mit dem erwarteten Kassenbestand.</translation>
    </message>
    <message>
        <location filename="../ui/ShiftFlow.cpp" line="101"/>
        <source>The shift is closed. Count the float for the next shift, or quit the register.</source>
        <translation>Die Schicht ist geschlossen. Das Wechselgeld für die nächste Schicht zählen oder die Kasse beenden.</translation>
    </message>
    <message>
        <location filename="../ui/ShiftFlow.cpp" line="103"/>
        <source>Quit the register (Esc)</source>
        <translation>Kasse beenden (Esc)</translation>
    </message>
    <message>
        <location filename="../ui/ShiftFlow.cpp" line="105"/>
        <source>Shift closed.</source>
        <translation>Schicht geschlossen.</translation>
    </message>
    <message>
        <location filename="../ui/ShiftFlow.cpp" line="107"/>
        <source>Shift closed and a new shift opened.</source>
        <translation>Schicht geschlossen und neue Schicht geöffnet.</translation>
    </message>
</context>
<context>
    <name>pos::ui::ShiftMenuDialog</name>
    <message>
        <location filename="../ui/ShiftMenuDialog.cpp" line="23"/>
        <source>Shift</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <location filename="../ui/ShiftMenuDialog.cpp" line="33"/>
        <source>Cash in</source>
        <translation>Einlage</translation>
    </message>
    <message>
        <location filename="../ui/ShiftMenuDialog.cpp" line="35"/>
        <source>Cash out</source>
        <translation>Entnahme</translation>
    </message>
    <message>
        <location filename="../ui/ShiftMenuDialog.cpp" line="38"/>
        <source>X report</source>
        <translation>X-Bericht</translation>
    </message>
    <message>
        <location filename="../ui/ShiftMenuDialog.cpp" line="40"/>
        <source>Close shift</source>
        <translation>Schicht schließen</translation>
    </message>
    <message>
        <location filename="../ui/ShiftMenuDialog.cpp" line="50"/>
        <source>Back to the sale (Esc)</source>
        <translation>Zurück zum Bon (Esc)</translation>
    </message>
    <message>
        <location filename="../ui/ShiftMenuDialog.cpp" line="60"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../ui/ShiftMenuDialog.cpp" line="63"/>
        <source>Shortcut: %1</source>
        <translation>Tastenkürzel: %1</translation>
    </message>
</context>
<context>
    <name>pos::ui::StaffDialog</name>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="45"/>
        <location filename="../ui/StaffDialog.cpp" line="51"/>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="53"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="53"/>
        <source>Code</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="53"/>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="53"/>
        <location filename="../ui/StaffDialog.cpp" line="371"/>
        <source>Stores</source>
        <translation>Filialen</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="53"/>
        <location filename="../ui/StaffDialog.cpp" line="397"/>
        <location filename="../ui/StaffDialog.cpp" line="402"/>
        <location filename="../ui/StaffDialog.cpp" line="403"/>
        <source>Discount limit</source>
        <translation>Rabattgrenze</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="53"/>
        <location filename="../ui/StaffDialog.cpp" line="143"/>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="72"/>
        <source>New… (Ctrl+N)</source>
        <translation>Neu … (Strg+N)</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="74"/>
        <location filename="../ui/StaffDialog.cpp" line="175"/>
        <source>Deactivate (Ctrl+D)</source>
        <translation>Deaktivieren (Strg+D)</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="76"/>
        <source>Reset PIN… (Ctrl+P)</source>
        <translation>PIN zurücksetzen … (Strg+P)</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="79"/>
        <source>Reset password… (Ctrl+Shift+P)</source>
        <translation>Passwort zurücksetzen … (Strg+Umschalt+P)</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="81"/>
        <source>Change role… (Ctrl+R)</source>
        <translation>Rolle ändern … (Strg+R)</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="83"/>
        <source>Stores… (Ctrl+S)</source>
        <translation>Filialen … (Strg+S)</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="85"/>
        <source>Discount limit… (Ctrl+L)</source>
        <translation>Rabattgrenze … (Strg+L)</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="87"/>
        <source>History and undo… (Ctrl+H)</source>
        <translation>Verlauf und Rückgängig … (Strg+H)</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="93"/>
        <source>Close (Esc)</source>
        <translation>Schließen (Esc)</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="127"/>
        <source>Nothing to show.</source>
        <translation>Nichts anzuzeigen.</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="140"/>
        <source>All stores</source>
        <translation>Alle Filialen</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="143"/>
        <source>Inactive</source>
        <translation>Inaktiv</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/StaffDialog.cpp" line="157"/>
        <source>%n staff member(s).</source>
        <translation>
            <numerusform>%n Mitarbeiter.</numerusform>
            <numerusform>%n Mitarbeiter.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="175"/>
        <source>Reactivate (Ctrl+D)</source>
        <translation>Reaktivieren (Strg+D)</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="207"/>
        <source>OK (Enter)</source>
        <translation>OK (Enter)</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="212"/>
        <source>Cancel (Esc)</source>
        <translation>Abbrechen (Esc)</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="245"/>
        <source>The new account is ready: they can sign in now.</source>
        <translation>Das neue Konto ist bereit: Die Anmeldung ist ab sofort möglich.</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="264"/>
        <source>%1 is deactivated and signed out. History can undo it.</source>
        <translation>%1 ist deaktiviert und abgemeldet. Im Verlauf lässt sich das rückgängig machen.</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="265"/>
        <source>%1 is active again.</source>
        <translation>%1 ist wieder aktiv.</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="289"/>
        <source>A new PIN for %1 (4 to 8 digits). Their open sessions end: they sign in again with it.</source>
        <translation>Eine neue PIN für %1 (4 bis 8 Ziffern). Offene Sitzungen werden beendet; die nächste Anmeldung erfolgt mit der neuen PIN.</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="296"/>
        <source>New PIN</source>
        <translation>Neue PIN</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="297"/>
        <source>New PIN again</source>
        <translation>Neue PIN wiederholen</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="307"/>
        <source>Reset PIN</source>
        <translation>PIN zurücksetzen</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="313"/>
        <source>The two PINs differ: type them again.</source>
        <translation>Die beiden PINs stimmen nicht überein: bitte erneut eingeben.</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="319"/>
        <source>%1&apos;s PIN is reset; their open sessions ended.</source>
        <translation>Die PIN von %1 ist zurückgesetzt; offene Sitzungen wurden beendet.</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="292"/>
        <source>A new password for %1 (at least 12 characters). Their open sessions end.</source>
        <translation>Ein neues Passwort für %1 (mindestens 12 Zeichen). Offene Sitzungen werden beendet.</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="296"/>
        <source>New password</source>
        <translation>Neues Passwort</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="297"/>
        <source>New password again</source>
        <translation>Neues Passwort wiederholen</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="307"/>
        <source>Reset password</source>
        <translation>Passwort zurücksetzen</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="314"/>
        <source>The two passwords differ: type them again.</source>
        <translation>Die beiden Passwörter stimmen nicht überein: bitte erneut eingeben.</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="320"/>
        <source>%1&apos;s password is reset; their open sessions ended.</source>
        <translation>Das Passwort von %1 ist zurückgesetzt; offene Sitzungen wurden beendet.</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="332"/>
        <source>%1 is now: %2. Their open sessions end when the role changes.</source>
        <translation>%1 ist derzeit: %2. Offene Sitzungen werden beim Rollenwechsel beendet.</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="338"/>
        <location filename="../ui/StaffDialog.cpp" line="342"/>
        <source>New role</source>
        <translation>Neue Rolle</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="344"/>
        <source>Change role</source>
        <translation>Rolle ändern</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="349"/>
        <source>%1 is now: %2.</source>
        <translation>%1 ist jetzt: %2.</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="361"/>
        <source>The stores %1 works in:</source>
        <translation>Filialen, in denen %1 arbeitet:</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="379"/>
        <source>%1&apos;s stores are changed.</source>
        <translation>Die Filialen von %1 wurden geändert.</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="391"/>
        <source>The largest discount %1 may give without a manager&apos;s approval.</source>
        <translation>Der höchste Rabatt, den %1 ohne Freigabe durch einen Manager geben darf.</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="407"/>
        <source>%1&apos;s discount limit is changed.</source>
        <translation>Die Rabattgrenze von %1 wurde geändert.</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="416"/>
        <source>Changes to %1</source>
        <translation>Änderungen an %1</translation>
    </message>
    <message>
        <location filename="../ui/StaffDialog.cpp" line="420"/>
        <source>Undone.</source>
        <translation>Rückgängig gemacht.</translation>
    </message>
</context>
<context>
    <name>pos::ui::StaffHistoryDialog</name>
    <message>
        <location filename="../ui/StaffHistoryDialog.cpp" line="30"/>
        <source>Changes, newest first</source>
        <translation>Änderungen, neueste zuerst</translation>
    </message>
    <message>
        <location filename="../ui/StaffHistoryDialog.cpp" line="31"/>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <location filename="../ui/StaffHistoryDialog.cpp" line="31"/>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <location filename="../ui/StaffHistoryDialog.cpp" line="31"/>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <location filename="../ui/StaffHistoryDialog.cpp" line="50"/>
        <source>Undo (Ctrl+Z)</source>
        <translation>Rückgängig (Strg+Z)</translation>
    </message>
    <message>
        <location filename="../ui/StaffHistoryDialog.cpp" line="55"/>
        <source>Close (Esc)</source>
        <translation>Schließen (Esc)</translation>
    </message>
    <message>
        <location filename="../ui/StaffHistoryDialog.cpp" line="90"/>
        <source>No changes yet.</source>
        <translation>Noch keine Änderungen.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/StaffHistoryDialog.cpp" line="91"/>
        <source>%n change(s).</source>
        <translation>
            <numerusform>%n Änderung.</numerusform>
            <numerusform>%n Änderungen.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/StaffHistoryDialog.cpp" line="100"/>
        <source>Choose a change to undo.</source>
        <translation>Eine Änderung zum Rückgängigmachen wählen.</translation>
    </message>
    <message>
        <location filename="../ui/StaffHistoryDialog.cpp" line="106"/>
        <source>Undo this change. The undo is recorded too.</source>
        <translation>Diese Änderung rückgängig machen. Auch das Rückgängigmachen wird protokolliert.</translation>
    </message>
    <message>
        <location filename="../ui/StaffHistoryDialog.cpp" line="108"/>
        <source>This change was undone already.</source>
        <translation>Diese Änderung wurde bereits rückgängig gemacht.</translation>
    </message>
    <message>
        <location filename="../ui/StaffHistoryDialog.cpp" line="110"/>
        <source>An undo cannot be undone: make the change again instead.</source>
        <translation>Ein Rückgängigmachen lässt sich nicht rückgängig machen: Stattdessen die Änderung erneut vornehmen.</translation>
    </message>
    <message>
        <location filename="../ui/StaffHistoryDialog.cpp" line="112"/>
        <source>A PIN or password reset cannot be undone: the old one is not kept. Reset it again instead.</source>
        <translation>Das Zurücksetzen von PIN oder Passwort lässt sich nicht rückgängig machen: Der alte Wert wird nicht aufbewahrt. Stattdessen erneut zurücksetzen.</translation>
    </message>
    <message>
        <location filename="../ui/StaffHistoryDialog.cpp" line="129"/>
        <source>Undone. The undo is at the top of the list.</source>
        <translation>Rückgängig gemacht. Der Eintrag dazu steht oben in der Liste.</translation>
    </message>
</context>
<context>
    <name>pos::ui::SyncStatusWidget</name>
    <message>
        <location filename="../ui/SyncStatusWidget.cpp" line="13"/>
        <source>Sync with the central server</source>
        <translation>Synchronisation mit dem zentralen Server</translation>
    </message>
    <message>
        <location filename="../ui/SyncStatusWidget.cpp" line="75"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location filename="../ui/SyncStatusWidget.cpp" line="86"/>
        <source>all sent</source>
        <translation>alles gesendet</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/SyncStatusWidget.cpp" line="87"/>
        <source>%n waiting</source>
        <translation>
            <numerusform>%n wartet</numerusform>
            <numerusform>%n warten</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/SyncStatusWidget.cpp" line="97"/>
        <source>Not connected to a sync server</source>
        <translation>Nicht mit einem Sync-Server verbunden</translation>
    </message>
    <message>
        <location filename="../ui/SyncStatusWidget.cpp" line="98"/>
        <source>Sales are stored on this register only. An owner can connect it to the central server under Settings &gt; Connect to sync server…</source>
        <translation>Verkäufe werden nur auf dieser Kasse gespeichert. Ein Inhaber kann sie unter Einstellungen &gt; Mit Sync-Server verbinden… mit dem zentralen Server verbinden.</translation>
    </message>
    <message>
        <location filename="../ui/SyncStatusWidget.cpp" line="102"/>
        <source>● Online · %1 · synced %2</source>
        <translation>● Online · %1 · synchronisiert %2</translation>
    </message>
    <message>
        <location filename="../ui/SyncStatusWidget.cpp" line="103"/>
        <source>Connected to %1.</source>
        <translation>Verbunden mit %1.</translation>
    </message>
    <message>
        <location filename="../ui/SyncStatusWidget.cpp" line="107"/>
        <source>● Syncing %1 of %2…</source>
        <translation>● Synchronisiert %1 von %2…</translation>
    </message>
    <message>
        <location filename="../ui/SyncStatusWidget.cpp" line="108"/>
        <source>● Syncing…</source>
        <translation>● Synchronisiert…</translation>
    </message>
    <message>
        <location filename="../ui/SyncStatusWidget.cpp" line="109"/>
        <source>Sending this register&apos;s records to %1.</source>
        <translation>Die Datensätze dieser Kasse werden an %1 gesendet.</translation>
    </message>
    <message>
        <location filename="../ui/SyncStatusWidget.cpp" line="112"/>
        <source>● Offline · %1 · last sync %2</source>
        <translation>● Offline · %1 · zuletzt synchronisiert %2</translation>
    </message>
    <message>
        <location filename="../ui/SyncStatusWidget.cpp" line="114"/>
        <source>The sync server cannot be reached. The register keeps working and sends everything once it can.</source>
        <translation>Der Sync-Server ist nicht erreichbar. Die Kasse arbeitet weiter und sendet alles, sobald sie kann.</translation>
    </message>
    <message>
        <location filename="../ui/SyncStatusWidget.cpp" line="118"/>
        <source>● Sync failing · %1 · last sync %2</source>
        <translation>● Synchronisation schlägt fehl · %1 · zuletzt synchronisiert %2</translation>
    </message>
    <message>
        <location filename="../ui/SyncStatusWidget.cpp" line="120"/>
        <source>The sync server refused or failed; trying again by itself.</source>
        <translation>Der Sync-Server hat abgelehnt oder ist gescheitert; es wird von selbst erneut versucht.</translation>
    </message>
    <message>
        <location filename="../ui/SyncStatusWidget.cpp" line="123"/>
        <source>● Sync stopped · %1</source>
        <translation>● Synchronisation angehalten · %1</translation>
    </message>
    <message>
        <location filename="../ui/SyncStatusWidget.cpp" line="124"/>
        <source>Sync stopped and waits for someone to look at it. Nothing was lost: every record stays on this register.</source>
        <translation>Die Synchronisation ist angehalten und wartet, bis jemand nachsieht. Es ging nichts verloren: Jeder Datensatz bleibt auf dieser Kasse.</translation>
    </message>
    <message>
        <location filename="../ui/SyncStatusWidget.cpp" line="131"/>
        <source>Next try at %1.</source>
        <translation>Nächster Versuch um %1.</translation>
    </message>
    <message>
        <location filename="../ui/SyncStatusWidget.cpp" line="133"/>
        <source>Click for the sync screen (Ctrl+Shift+S).</source>
        <translation>Klicken für die Synchronisationsansicht (Strg+Umschalt+S).</translation>
    </message>
</context>
<context>
    <name>pos::ui::SyncWindow</name>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="57"/>
        <source>Sync with the central server</source>
        <translation>Synchronisation mit dem zentralen Server</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="68"/>
        <source>Records sent in this run</source>
        <translation>In diesem Lauf gesendete Datensätze</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="69"/>
        <source>records sent: %v of %m</source>
        <translation>gesendete Datensätze: %v von %m</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="86"/>
        <source>None since this screen opened</source>
        <translation>Keiner, seit diese Ansicht geöffnet wurde</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="87"/>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="88"/>
        <source>Company and store:</source>
        <translation>Firma und Filiale:</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="89"/>
        <source>Last sync:</source>
        <translation>Letzte Synchronisation:</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="90"/>
        <source>Next try:</source>
        <translation>Nächster Versuch:</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="91"/>
        <source>Waiting to be sent:</source>
        <translation>Wartet auf Versand:</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="92"/>
        <source>Audit log witness:</source>
        <translation>Zeuge des Prüfprotokolls:</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="93"/>
        <source>Last run:</source>
        <translation>Letzter Lauf:</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="94"/>
        <source>Last error:</source>
        <translation>Letzter Fehler:</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="99"/>
        <source>&amp;Sync now (F5)</source>
        <translation>&amp;Jetzt synchronisieren (F5)</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="104"/>
        <source>&amp;Connect to sync server… (Ctrl+N)</source>
        <translation>Mit Sync-Server &amp;verbinden… (Strg+N)</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="108"/>
        <source>Close (Esc)</source>
        <translation>Schließen (Esc)</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="166"/>
        <source>1 sale</source>
        <translation>1 Verkauf</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="166"/>
        <source>%1 sales</source>
        <translation>%1 Verkäufe</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="168"/>
        <source>1 refund</source>
        <translation>1 Erstattung</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="168"/>
        <source>%1 refunds</source>
        <translation>%1 Erstattungen</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="170"/>
        <source>1 shift opened or closed</source>
        <translation>1 Schicht geöffnet oder geschlossen</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="170"/>
        <source>%1 shifts opened or closed</source>
        <translation>%1 Schichten geöffnet oder geschlossen</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="172"/>
        <source>1 approval</source>
        <translation>1 Genehmigung</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="172"/>
        <source>%1 approvals</source>
        <translation>%1 Genehmigungen</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="174"/>
        <source>1 cash movement</source>
        <translation>1 Bargeldbewegung</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="174"/>
        <source>%1 cash movements</source>
        <translation>%1 Bargeldbewegungen</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="176"/>
        <source>1 audit log row</source>
        <translation>1 Prüfprotokoll-Zeile</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="176"/>
        <source>%1 audit log rows</source>
        <translation>%1 Prüfprotokoll-Zeilen</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="178"/>
        <source>1 audit log checkpoint</source>
        <translation>1 Prüfprotokoll-Kontrollpunkt</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="178"/>
        <source>%1 audit log checkpoints</source>
        <translation>%1 Prüfprotokoll-Kontrollpunkte</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="179"/>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="189"/>
        <source>%1 — %2 (this register: %3)</source>
        <translation>%1 — %2 (diese Kasse: %3)</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="191"/>
        <source>None: this register is not connected to a sync server.</source>
        <translation>Keiner: Diese Kasse ist nicht mit einem Sync-Server verbunden.</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="192"/>
        <location filename="../ui/SyncWindow.cpp" line="208"/>
        <location filename="../ui/SyncWindow.cpp" line="282"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="195"/>
        <source>Nothing: everything has reached the server.</source>
        <translation>Nichts: Alles ist beim Server angekommen.</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="201"/>
        <source>%1 in all: %2</source>
        <translation>%1 insgesamt: %2</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="206"/>
        <source>No checkpoint of this register&apos;s audit log has been countersigned by the server yet.</source>
        <translation>Noch kein Kontrollpunkt des Prüfprotokolls dieser Kasse wurde vom Server gegengezeichnet.</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="215"/>
        <source>Rows 0 to %1 of this register&apos;s audit log (of %2) were countersigned by the server on %3 (checkpoints countersigned so far: %4).</source>
        <translation>Die Zeilen 0 bis %1 des Prüfprotokolls dieser Kasse (von %2) wurden am %3 vom Server gegengezeichnet (bisher gegengezeichnete Kontrollpunkte: %4).</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="222"/>
        <source>The newest countersignature (rows 0 to %1) does not verify with the server&apos;s witness key: ask whoever runs the server.</source>
        <translation>Die neueste Gegensignatur (Zeilen 0 bis %1) lässt sich mit dem Zeugenschlüssel des Servers nicht bestätigen: Fragen Sie den Betreiber des Servers.</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="237"/>
        <source>Connected, but sync is not running on this register.</source>
        <translation>Verbunden, aber auf dieser Kasse läuft keine Synchronisation.</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="238"/>
        <source>Not connected to a sync server: this register works on its own.</source>
        <translation>Nicht mit einem Sync-Server verbunden: Diese Kasse arbeitet für sich allein.</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="241"/>
        <source>Online: everything is up to date.</source>
        <translation>Online: Alles ist aktuell.</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="243"/>
        <source>Online: %1 waiting for the next run.</source>
        <translation>Online: %1 warten auf den nächsten Lauf.</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="246"/>
        <source>Syncing…</source>
        <translation>Synchronisiert…</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="249"/>
        <source>Offline: the server cannot be reached. The register keeps working and sends everything once it can.</source>
        <translation>Offline: Der Server ist nicht erreichbar. Die Kasse arbeitet weiter und sendet alles, sobald sie kann.</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="254"/>
        <source>The server refused or failed. Sync tries again by itself.</source>
        <translation>Der Server hat abgelehnt oder ist gescheitert. Die Synchronisation versucht es von selbst erneut.</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="258"/>
        <source>Sync stopped: it needs someone to look at the error below. Nothing was lost; Sync now tries again.</source>
        <translation>Synchronisation angehalten: Jemand muss sich den Fehler unten ansehen. Es ging nichts verloren; „Jetzt synchronisieren“ versucht es erneut.</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="268"/>
        <source>%1 (online)</source>
        <translation>%1 (online)</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="269"/>
        <source>%1 (offline)</source>
        <translation>%1 (offline)</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="273"/>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="278"/>
        <source>Fetching changes only, at %1; sending waits until Sync now is pressed</source>
        <translation>Nur Änderungen abholen, um %1; Senden wartet, bis „Jetzt synchronisieren“ gedrückt wird</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="281"/>
        <source>Not until Sync now is pressed</source>
        <translation>Erst nach „Jetzt synchronisieren“</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="283"/>
        <source>None</source>
        <translation>Keiner</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="311"/>
        <source>nothing to send</source>
        <translation>nichts zu senden</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="312"/>
        <source>records sent: %1 (%2 new, %3 already on the server)</source>
        <translation>gesendete Datensätze: %1 (%2 neu, %3 schon auf dem Server)</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="317"/>
        <source>audit checkpoints countersigned: %1</source>
        <translation>gegengezeichnete Kontrollpunkte: %1</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="319"/>
        <source>changes received: %1</source>
        <translation>empfangene Änderungen: %1</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="320"/>
        <source>At %1: %2.</source>
        <translation>Um %1: %2.</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="324"/>
        <source>At %1: nothing to do, no server is set up.</source>
        <translation>Um %1: nichts zu tun, kein Server eingerichtet.</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="327"/>
        <source>At %1: the server could not be reached.</source>
        <translation>Um %1: Der Server war nicht erreichbar.</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="332"/>
        <source>At %1: refused (records sent before that: %2).</source>
        <translation>Um %1: abgelehnt (davor gesendete Datensätze: %2).</translation>
    </message>
    <message>
        <location filename="../ui/SyncWindow.cpp" line="357"/>
        <source>The register is connected, but sync could not start here. It starts the next time the register is opened.</source>
        <translation>Die Kasse ist verbunden, aber die Synchronisation konnte hier nicht starten. Sie startet beim nächsten Öffnen der Kasse.</translation>
    </message>
</context>
<context>
    <name>pos::ui::TenderDialog</name>
    <message>
        <location filename="../ui/TenderDialog.cpp" line="36"/>
        <source>Payment</source>
        <translation>Zahlung</translation>
    </message>
    <message>
        <location filename="../ui/TenderDialog.cpp" line="41"/>
        <location filename="../ui/TenderDialog.cpp" line="44"/>
        <source>Amount due</source>
        <translation>Zu zahlen</translation>
    </message>
    <message>
        <location filename="../ui/TenderDialog.cpp" line="49"/>
        <location filename="../ui/TenderDialog.cpp" line="52"/>
        <source>Still due</source>
        <translation>Noch offen</translation>
    </message>
    <message>
        <location filename="../ui/TenderDialog.cpp" line="57"/>
        <source>&amp;Cash handed over</source>
        <translation>&amp;Bar gegeben</translation>
    </message>
    <message>
        <location filename="../ui/TenderDialog.cpp" line="60"/>
        <source>Cash handed over</source>
        <translation>Bar gegeben</translation>
    </message>
    <message>
        <location filename="../ui/TenderDialog.cpp" line="64"/>
        <source>Add cash
Enter</source>
        <translation>Bar hinzufügen
Enter</translation>
    </message>
    <message>
        <location filename="../ui/TenderDialog.cpp" line="76"/>
        <source>Card — charge what is still due
F9</source>
        <translation>Karte — offenen Betrag belasten
F9</translation>
    </message>
    <message>
        <location filename="../ui/TenderDialog.cpp" line="81"/>
        <source>Tenders</source>
        <translation>Zahlungen</translation>
    </message>
    <message>
        <location filename="../ui/TenderDialog.cpp" line="84"/>
        <source>Remove tender</source>
        <translation>Zahlung entfernen</translation>
    </message>
    <message>
        <location filename="../ui/TenderDialog.cpp" line="90"/>
        <source>Change due</source>
        <translation>Rückgeld</translation>
    </message>
    <message>
        <location filename="../ui/TenderDialog.cpp" line="101"/>
        <source>Back to sale
Esc</source>
        <translation>Zurück zum Bon
Esc</translation>
    </message>
    <message>
        <location filename="../ui/TenderDialog.cpp" line="102"/>
        <source>Complete sale
F12</source>
        <translation>Bon abschließen
F12</translation>
    </message>
    <message>
        <location filename="../ui/TenderDialog.cpp" line="214"/>
        <source>Exact
%1</source>
        <translation>Passend
%1</translation>
    </message>
    <message>
        <location filename="../ui/TenderDialog.cpp" line="238"/>
        <source>Card   %1</source>
        <translation>Karte   %1</translation>
    </message>
    <message>
        <location filename="../ui/TenderDialog.cpp" line="240"/>
        <source>Cash   %1 handed over, %2 applied</source>
        <translation>Bar   %1 gegeben, %2 verrechnet</translation>
    </message>
    <message>
        <location filename="../ui/TenderDialog.cpp" line="243"/>
        <source>Cash   %1</source>
        <translation>Bar   %1</translation>
    </message>
    <message>
        <location filename="../ui/TenderDialog.cpp" line="252"/>
        <source>Change due: %1</source>
        <translation>Rückgeld: %1</translation>
    </message>
    <message>
        <location filename="../ui/TenderDialog.cpp" line="62"/>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
</context>
<context>
    <name>pos::ui::TotalsPanel</name>
    <message>
        <location filename="../ui/TotalsPanel.cpp" line="14"/>
        <source>Sale totals</source>
        <translation>Bonsummen</translation>
    </message>
    <message>
        <location filename="../ui/TotalsPanel.cpp" line="29"/>
        <source>Subtotal</source>
        <translation>Zwischensumme</translation>
    </message>
    <message>
        <location filename="../ui/TotalsPanel.cpp" line="30"/>
        <source>Discounts</source>
        <translation>Rabatte</translation>
    </message>
    <message>
        <location filename="../ui/TotalsPanel.cpp" line="31"/>
        <source>Tax</source>
        <translation>MwSt.</translation>
    </message>
    <message>
        <location filename="../ui/TotalsPanel.cpp" line="33"/>
        <source>TOTAL</source>
        <translation>GESAMT</translation>
    </message>
    <message>
        <location filename="../ui/TotalsPanel.cpp" line="37"/>
        <source>Total to pay</source>
        <translation>Zu zahlender Betrag</translation>
    </message>
    <message>
        <location filename="../ui/TotalsPanel.cpp" line="17"/>
        <location filename="../ui/TotalsPanel.cpp" line="21"/>
        <source>Customer</source>
        <translation>Kunde/Kundin</translation>
    </message>
</context>
</TS>
