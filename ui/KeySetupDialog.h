#pragma once

#include "store/SealedKeyFile.h"

#include "crypto/SecretBytes.h"

#include <QDialog>

class QLineEdit;
class QPushButton;

namespace pos::ui {

class WrappedLabel;

// ENC-2, user-visible: no system keychain answered. Explains that in plain words and offers the
// one alternative the product has, a key file sealed with the owner's passphrase, or quitting.
// There is no plaintext option. Create mode asks for the passphrase twice; Unlock mode (a sealed
// key file already exists for this store) asks once.
class KeySetupDialog final : public QDialog {
    Q_OBJECT
public:
    enum class Mode { Create, Unlock };
    // The rule is core's (SealedKeyFile refuses a shorter passphrase for a new file); the dialog
    // only shows it while the owner types.
    static constexpr int MinimumLength = SealedKeyFile::MinimumPassphraseLength;

    KeySetupDialog(Mode mode, const QString& storePath, const QString& keyFilePath,
                   const QString& keychainMessage, QWidget* parent = nullptr);

    // Shows a problem from the last try (wrong passphrase...) above the fields.
    void setError(const QString& message);
    // The passphrase as key material; the fields are wiped.
    SecretBytes takePassphrase();

    void accept() override;

private:
    void validate();

    Mode m_mode;
    QLineEdit* m_passphrase = nullptr;
    QLineEdit* m_confirm = nullptr;
    WrappedLabel* m_problem = nullptr;
    QPushButton* m_ok = nullptr;
};

} // namespace pos::ui
