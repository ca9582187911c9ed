#include "PinPad.h"

#include "auth/CredentialHash.h"

#include <QGridLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace pos::ui {

static_assert(PinPad::MinDigits == CredentialHash::MinPinDigits);
static_assert(PinPad::MaxDigits == CredentialHash::MaxPinDigits);

namespace {
QPushButton* key(const QString& text, const QString& name, QWidget* parent)
{
    auto* button = new QPushButton(text, parent);
    button->setObjectName(name);
    button->setFocusPolicy(Qt::NoFocus); // the field keeps the keyboard
    button->setAutoDefault(false);
    button->setProperty("role", QStringLiteral("pinKey"));
    button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    return button;
}
} // namespace

PinPad::PinPad(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("pinPad"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    m_field = new QLineEdit(this);
    m_field->setObjectName(QStringLiteral("pinField"));
    m_field->setAccessibleName(tr("PIN"));
    m_field->setPlaceholderText(tr("PIN"));
    m_field->setEchoMode(QLineEdit::Password);
    m_field->setMaxLength(MaxDigits);
    m_field->setAlignment(Qt::AlignCenter);
    m_field->setProperty("role", QStringLiteral("bigInput"));
    m_field->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("[0-9]{0,%1}").arg(MaxDigits)), m_field));
    m_field->setContextMenuPolicy(Qt::NoContextMenu); // no copying a PIN out
    connect(m_field, &QLineEdit::textChanged, this, &PinPad::updateOk);
    connect(m_field, &QLineEdit::returnPressed, this, &PinPad::submit);
    layout->addWidget(m_field);

    auto* grid = new QGridLayout;
    grid->setSpacing(8);
    for (int digit = 1; digit <= 9; ++digit) {
        auto* b = key(QString::number(digit), QStringLiteral("pinKey%1").arg(digit), this);
        connect(b, &QPushButton::clicked, this, [this, digit] { press(digit); });
        grid->addWidget(b, (digit - 1) / 3, (digit - 1) % 3);
    }
    auto* clearKey = key(tr("Clear"), QStringLiteral("pinClear"), this);
    clearKey->setAccessibleName(tr("Clear the PIN"));
    connect(clearKey, &QPushButton::clicked, this, &PinPad::clear);
    grid->addWidget(clearKey, 3, 0);
    auto* zero = key(QStringLiteral("0"), QStringLiteral("pinKey0"), this);
    connect(zero, &QPushButton::clicked, this, [this] { press(0); });
    grid->addWidget(zero, 3, 1);
    auto* back = key(QStringLiteral("⌫"), QStringLiteral("pinBack"), this);
    back->setAccessibleName(tr("Delete the last digit"));
    connect(back, &QPushButton::clicked, this, [this] {
        m_field->backspace();
        focusField();
    });
    grid->addWidget(back, 3, 2);
    layout->addLayout(grid);

    m_ok = key(tr("OK"), QStringLiteral("pinOk"), this);
    m_ok->setProperty("role", QStringLiteral("primary"));
    connect(m_ok, &QPushButton::clicked, this, &PinPad::submit);
    layout->addWidget(m_ok);
    updateOk();
}

int PinPad::length() const
{
    return static_cast<int>(m_field->text().size());
}

void PinPad::press(int digit)
{
    if (length() < MaxDigits)
        m_field->insert(QString::number(digit));
    focusField();
}

void PinPad::submit()
{
    if (length() >= MinDigits)
        emit submitted();
    else
        focusField();
}

void PinPad::updateOk()
{
    m_ok->setEnabled(length() >= MinDigits);
}

SecretBytes PinPad::takePin()
{
    QByteArray digits = m_field->text().toLatin1();
    clear();
    return SecretBytes::takeFrom(digits);
}

void PinPad::clear()
{
    m_field->clear();
    focusField();
}

void PinPad::focusField()
{
    if (isVisible())
        m_field->setFocus(Qt::OtherFocusReason);
}

} // namespace pos::ui
