#pragma once

#include "Clock.h"
#include "crypto/SecretBytes.h"
#include "staff/Session.h"
#include "staff/SetupService.h"

#include <QWizard>
#include <optional>

class QCheckBox;
class QFormLayout;
class QLabel;
class QLineEdit;

namespace pos::ui {

class QrCodeWidget;
class WrappedLabel;

// First run (AUTH-1/2): the company, the store, this register and the owner's account, then the
// owner's authenticator app is enrolled (QR code and the key as text; the code it shows proves
// it), and the demo catalog is offered. Nothing is prefilled for any secret: there are no
// default passwords. Finish runs SetupService::run; its refusal is shown on the page and the
// wizard stays open. The rules are core's; each page checks the obvious early so the owner hears
// about a mistake on the page where it was made.
class SetupWizard final : public QWizard {
    Q_OBJECT
public:
    enum PageId { BusinessPage, OwnerPage, AuthenticatorPage, FinishPage };

    SetupWizard(SetupService& setup, const Clock& clock, QWidget* parent = nullptr);
    ~SetupWizard() override;

    // After Finish: the owner's session, and whether they asked for the demo catalog.
    std::optional<Session> session() const { return m_session; }
    bool loadDemoCatalog() const;

    bool validateCurrentPage() override;

protected:
    void initializePage(int id) override;

private:
    QWizardPage* buildBusinessPage();
    QWizardPage* buildOwnerPage();
    QWizardPage* buildAuthenticatorPage();
    QWizardPage* buildFinishPage();
    QLineEdit* addField(QWizardPage* page, QFormLayout* form, const QString& label,
                        const QString& name);
    bool checkBusiness();
    bool checkOwner();
    bool checkAuthenticatorCode();
    bool finish();
    void showProblem(WrappedLabel* label, const QString& message);
    void updatePasswordHint();
    void wipeSecrets();

    SetupService& m_setup;
    const Clock& m_clock;
    SecretBytes m_totpSecret;
    std::optional<Session> m_session;

    QLineEdit* m_company = nullptr;
    QLineEdit* m_store = nullptr;
    QLineEdit* m_register = nullptr;
    QLineEdit* m_currency = nullptr;
    WrappedLabel* m_businessProblem = nullptr;

    QLineEdit* m_ownerName = nullptr;
    QLineEdit* m_ownerCode = nullptr;
    QLineEdit* m_password = nullptr;
    QLineEdit* m_repeat = nullptr;
    WrappedLabel* m_passwordHint = nullptr;
    WrappedLabel* m_ownerProblem = nullptr;

    QrCodeWidget* m_qr = nullptr;
    QLabel* m_secretText = nullptr;
    QLineEdit* m_totpCode = nullptr;
    WrappedLabel* m_totpProblem = nullptr;

    WrappedLabel* m_summary = nullptr;
    QCheckBox* m_demoCatalog = nullptr;
    WrappedLabel* m_finishProblem = nullptr;
};

} // namespace pos::ui
