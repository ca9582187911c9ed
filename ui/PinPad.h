#pragma once

#include "crypto/SecretBytes.h"

#include <QWidget>

class QLineEdit;
class QPushButton;

namespace pos::ui {

// A PIN pad for the lock screen: keys 0-9, Clear, Back and OK, large enough for a finger, and a
// field that shows dots. The field keeps the keyboard focus, so digit keys, Backspace and Enter
// work too (a scanner is never needed). The pad only collects the digits; core judges them.
class PinPad final : public QWidget {
    Q_OBJECT
public:
    static constexpr int MinDigits = 4; // CredentialHash::MinPinDigits: OK waits for these
    static constexpr int MaxDigits = 8;

    explicit PinPad(QWidget* parent = nullptr);

    QLineEdit* field() const { return m_field; }
    int length() const;
    // The PIN as key material; the field is cleared.
    SecretBytes takePin();
    void clear();
    void focusField();

signals:
    // OK or Enter with at least MinDigits digits.
    void submitted();

private:
    void press(int digit);
    void submit();
    void updateOk();

    QLineEdit* m_field = nullptr;
    QPushButton* m_ok = nullptr;
};

} // namespace pos::ui
