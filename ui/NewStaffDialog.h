#pragma once

#include "crypto/SecretBytes.h"
#include "staff/Session.h"
#include "staff/StaffService.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QWidget;

namespace pos::ui {

class QrCodeWidget;
class WrappedLabel;

// A new staff account: name, user code, role (only those the session may give), stores (only
// those it may assign), discount limit, and the credentials the role signs in with: a PIN for
// cashiers (and optionally for managers, to approve at the counter), a password for everyone
// else; owners also enrol an authenticator (QR code and text, proved with the code it shows).
// Secrets are typed into masked fields, handed to core as SecretBytes and the fields cleared;
// nothing secret is shown afterwards. Core (StaffService::create) checks everything again.
class NewStaffDialog final : public QDialog {
    Q_OBJECT
public:
    NewStaffDialog(StaffService& staff, Session session, StaffScope scope,
                   QWidget* parent = nullptr);

    qint64 createdUserId() const { return m_created; }
    void accept() override;

    // A masked field for a PIN (digits only, at most 8) or a password, not remembered by input
    // methods.
    static QLineEdit* secretEdit(bool pin, const QString& objectName, const QString& label,
                                 QWidget* parent);
    // The field's text as SecretBytes; the field is cleared.
    static SecretBytes take(QLineEdit* edit);

private:
    void roleChanged();
    Role role() const;

    StaffService& m_staff;
    Session m_session;
    StaffScope m_scope;
    qint64 m_created = 0;
    SecretBytes m_totpSecret;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_code = nullptr;
    QComboBox* m_role = nullptr;
    QList<QCheckBox*> m_stores;
    QDoubleSpinBox* m_limit = nullptr;
    WrappedLabel* m_credentialHint = nullptr;
    QLineEdit* m_pin = nullptr;
    QLineEdit* m_pinAgain = nullptr;
    QLineEdit* m_password = nullptr;
    QLineEdit* m_passwordAgain = nullptr;
    QWidget* m_totpBox = nullptr;
    QrCodeWidget* m_qr = nullptr;
    QLabel* m_totpText = nullptr;
    QLineEdit* m_totpCode = nullptr;
    WrappedLabel* m_error = nullptr;
};

} // namespace pos::ui
