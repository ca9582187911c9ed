#include "NewCustomerDialog.h"

#include "WrappedLabel.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace pos::ui {

namespace {
constexpr int TextWidth = 560;

bool looksLikePhone(const QString& text)
{
    return !text.isEmpty() &&
           std::none_of(text.begin(), text.end(), [](QChar c) { return c.isLetter(); });
}
} // namespace

NewCustomerDialog::NewCustomerDialog(CustomerService& customers, Session session,
                                     const QString& start, QWidget* parent)
    : QDialog(parent), m_customers(customers), m_session(std::move(session))
{
    setObjectName(QStringLiteral("newCustomerDialog"));
    setWindowTitle(tr("New customer"));
    setModal(true);
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    form->setRowWrapPolicy(QFormLayout::WrapAllRows);
    layout->addLayout(form);

    m_name = addLine(tr("Name (required)"), QStringLiteral("customerNameEdit"), 200);
    m_phone = addLine(tr("Phone"), QStringLiteral("customerPhoneEdit"), 32);
    m_email = addLine(tr("E-mail"), QStringLiteral("customerEmailEdit"), 254);
    m_notes = addLine(tr("Notes"), QStringLiteral("customerNotesEdit"), 2000);
    for (QLineEdit* edit : {m_name, m_phone, m_email, m_notes}) {
        auto* label = new QLabel(edit->accessibleName(), this);
        label->setBuddy(edit);
        form->addRow(label, edit);
    }
    (looksLikePhone(start.trimmed()) ? m_phone : m_name)->setText(start.trimmed());

    m_error = WrappedLabel::errorLabel(QStringLiteral("customerError"), TextWidth, this);
    layout->addWidget(m_error);

    auto* buttons = new QDialogButtonBox(this);
    auto* ok = new QPushButton(tr("Add customer (Enter)"), buttons);
    ok->setObjectName(QStringLiteral("addCustomerButton"));
    ok->setProperty("role", QStringLiteral("primary")); // before the button box polishes it
    buttons->addButton(ok, QDialogButtonBox::AcceptRole);
    ok->setDefault(true);
    buttons->addButton(tr("Cancel (Esc)"), QDialogButtonBox::RejectRole)->setAutoDefault(false);
    for (QAbstractButton* b : buttons->buttons())
        b->setMinimumHeight(56);
    connect(buttons, &QDialogButtonBox::accepted, this, &NewCustomerDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &NewCustomerDialog::reject);
    layout->addWidget(buttons);
    m_name->setFocus();
}

QLineEdit* NewCustomerDialog::addLine(const QString& label, const QString& name, int maxLength)
{
    auto* edit = new QLineEdit(this);
    edit->setObjectName(name);
    edit->setAccessibleName(label);
    edit->setMaxLength(maxLength);
    edit->setMinimumWidth(TextWidth);
    return edit;
}

void NewCustomerDialog::accept()
{
    Customer customer;
    customer.name = m_name->text();
    customer.phone = m_phone->text();
    customer.email = m_email->text();
    customer.notes = m_notes->text();
    // Core's messages name the field and the rule, never the value.
    auto id = m_customers.add(m_session, customer);
    auto stored =
        id ? m_customers.find(m_session, *id) : Result<Customer>(std::unexpected(id.error()));
    if (!stored) {
        m_error->showError(stored.error().message);
        return;
    }
    m_customer = *stored;
    QDialog::accept();
}

} // namespace pos::ui
