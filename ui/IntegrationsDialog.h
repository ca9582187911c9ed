#pragma once

#include "staff/Session.h"
#include "vault/CredentialVault.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace pos::ui {

class WrappedLabel;

// The owner's integration credentials (ENC-5, integrations.manage): one row per field of every
// integration, with its masked value (bullets; a host name or URL at most its last 4
// characters), when it was set and by whom. Never a value in clear.
//   Set… (Ctrl+S or Enter): the value is typed or pasted into a masked field (a secret one
//        without echo), handed to core as SecretBytes and the edit's copies wiped.
//   Clear… (Delete): after a confirmation.
//   Test (Ctrl+T): opens the value through CredentialVault::use (an audited use) and says
//        whether it opens; the value itself is not shown.
//   Close (Esc).
// CredentialVault checks the permission and every value; its refusal is shown as it says it.
class IntegrationsDialog final : public QDialog {
    Q_OBJECT
public:
    IntegrationsDialog(CredentialVault& vault, Session session, QWidget* parent = nullptr);

    void refresh();
    QTableWidget* table() const { return m_table; }

    // Takes the edit's text as bytes for core and wipes the copies this side can reach.
    static SecretBytes take(QLineEdit* edit);

private:
    struct Row {
        QString integration;
        QString integrationLabel;
        CredentialFieldState field;
    };
    const Row* selected() const;
    void updateButtons();
    void setCredential();
    void clearCredential();
    void testCredential();
    void showDone(const QString& message);
    void showError(const QString& message);
    QPushButton* addAction(const QString& text, const QString& objectName, const QKeySequence& key,
                           void (IntegrationsDialog::*slot)());
    QString storedText(const CredentialFieldState& field) const;

    CredentialVault& m_vault;
    Session m_session;
    QList<Row> m_rows;
    QTableWidget* m_table = nullptr;
    QLabel* m_status = nullptr;
    WrappedLabel* m_error = nullptr;
    QPushButton* m_set = nullptr;
    QPushButton* m_clear = nullptr;
    QPushButton* m_test = nullptr;
};

} // namespace pos::ui
