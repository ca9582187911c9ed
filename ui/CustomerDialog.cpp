#include "CustomerDialog.h"

#include "NewCustomerDialog.h"
#include "WrappedLabel.h"

#include <QDialogButtonBox>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QShortcut>
#include <QTimer>
#include <QVBoxLayout>

namespace pos::ui {

namespace {
constexpr int SearchDelayMs = 200;
constexpr int SearchLimit = 20;
constexpr int TextWidth = 640;

// "Anna Schmidt · phone …4567": the name, and the phone's last four digits to tell namesakes
// apart without putting the number on screen.
QString rowText(const Customer& c)
{
    QString digits;
    for (QChar ch : c.phone) {
        if (ch.isDigit())
            digits.append(ch);
    }
    if (digits.size() < 4)
        return c.name;
    return CustomerDialog::tr("%1 · phone …%2").arg(c.name, digits.right(4));
}
} // namespace

CustomerDialog::CustomerDialog(CustomerService& customers, Session session, const QString& current,
                               QWidget* parent)
    : QDialog(parent), m_customers(customers), m_session(std::move(session))
{
    setObjectName(QStringLiteral("customerDialog"));
    setWindowTitle(tr("Customer"));
    setModal(true);
    auto* layout = new QVBoxLayout(this);

    auto* buttons = new QDialogButtonBox(this);
    if (!current.isEmpty()) {
        auto* onSale = new WrappedLabel(tr("On this sale: %1").arg(current), TextWidth, this);
        onSale->setObjectName(QStringLiteral("currentCustomer"));
        layout->addWidget(onSale);
        auto* remove = buttons->addButton(tr("Remove customer (F7)"), QDialogButtonBox::ActionRole);
        remove->setObjectName(QStringLiteral("removeCustomerButton"));
        remove->setAutoDefault(false);
        connect(remove, &QPushButton::clicked, this, &CustomerDialog::removeCurrent);
        auto* again = new QShortcut(QKeySequence(Qt::Key_F7), this);
        connect(again, &QShortcut::activated, this, &CustomerDialog::removeCurrent);
    }

    auto* prompt = new QLabel(tr("Search by name or phone number:"), this);
    layout->addWidget(prompt);
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("customerSearch"));
    m_search->setAccessibleName(tr("Search customers"));
    m_search->setPlaceholderText(tr("Name, or at least 3 digits of the phone number"));
    m_search->setProperty("role", QStringLiteral("bigInput"));
    m_search->setMinimumWidth(TextWidth);
    m_search->installEventFilter(this);
    prompt->setBuddy(m_search);
    layout->addWidget(m_search);

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("customerResults"));
    m_list->setAccessibleName(tr("Customers found"));
    m_list->setFocusPolicy(Qt::NoFocus); // typing stays in the search field
    m_list->setMinimumHeight(260);
    connect(m_list, &QListWidget::itemDoubleClicked, this, &CustomerDialog::accept);
    layout->addWidget(m_list, 1);

    m_status = new QLabel(tr("Type to search."), this);
    m_status->setObjectName(QStringLiteral("customerStatus"));
    m_status->setProperty("role", QStringLiteral("small"));
    layout->addWidget(m_status);

    m_error = WrappedLabel::errorLabel(QStringLiteral("customerSearchError"), TextWidth, this);
    layout->addWidget(m_error);

    auto* add = buttons->addButton(tr("New customer… (Ctrl+N)"), QDialogButtonBox::ActionRole);
    add->setObjectName(QStringLiteral("newCustomerButton"));
    add->setAutoDefault(false);
    connect(add, &QPushButton::clicked, this, &CustomerDialog::addNew);
    auto* addKey = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_N), this);
    connect(addKey, &QShortcut::activated, this, &CustomerDialog::addNew);
    // Made here, not by the button box, so its style sheet role is set before it is polished.
    auto* attach = new QPushButton(tr("Attach to sale (Enter)"), buttons);
    attach->setObjectName(QStringLiteral("attachCustomerButton"));
    attach->setProperty("role", QStringLiteral("primary"));
    buttons->addButton(attach, QDialogButtonBox::AcceptRole);
    attach->setDefault(true);
    auto* cancel = buttons->addButton(tr("Cancel (Esc)"), QDialogButtonBox::RejectRole);
    cancel->setAutoDefault(false);
    for (QAbstractButton* b : buttons->buttons())
        b->setMinimumHeight(56);
    connect(buttons, &QDialogButtonBox::accepted, this, &CustomerDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &CustomerDialog::reject);
    layout->addWidget(buttons);

    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    m_timer->setInterval(SearchDelayMs);
    connect(m_timer, &QTimer::timeout, this, &CustomerDialog::search);
    connect(m_search, &QLineEdit::textEdited, m_timer, qOverload<>(&QTimer::start));
    m_search->setFocus();
}

bool CustomerDialog::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if ((key == Qt::Key_Up || key == Qt::Key_Down) && m_list->count() > 0) {
            const int delta = key == Qt::Key_Up ? -1 : 1;
            m_list->setCurrentRow(std::clamp(m_list->currentRow() + delta, 0, m_list->count() - 1));
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void CustomerDialog::search()
{
    m_timer->stop();
    m_error->hide();
    m_list->clear();
    m_found.clear();
    const QString text = m_search->text().trimmed();
    if (text.isEmpty()) {
        m_status->setText(tr("Type to search."));
        return;
    }
    auto found = m_customers.search(m_session, text, SearchLimit);
    if (!found) {
        showError(found.error().message);
        return;
    }
    m_found = *found;
    for (const Customer& c : std::as_const(m_found))
        m_list->addItem(rowText(c));
    if (!m_found.isEmpty())
        m_list->setCurrentRow(0);
    m_status->setText(
        m_found.isEmpty()
            ? tr("No customer found. Ctrl+N adds a new one.")
            : tr("Found: %1. Up/Down to choose, Enter to attach.").arg(m_found.size()));
}

void CustomerDialog::accept()
{
    if (m_timer->isActive())
        search(); // Enter came before the pause: search what was typed
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_found.size()) {
        showError(tr("Pick a customer from the list, or add a new one (Ctrl+N)."));
        return;
    }
    m_chosen = m_found.at(row);
    m_outcome = Outcome::Attach;
    QDialog::accept();
}

void CustomerDialog::addNew()
{
    NewCustomerDialog dialog(m_customers, m_session, m_search->text(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_chosen = dialog.customer();
    m_outcome = Outcome::Attach;
    QDialog::accept();
}

void CustomerDialog::removeCurrent()
{
    m_outcome = Outcome::Remove;
    QDialog::accept();
}

void CustomerDialog::showError(const QString& message)
{
    m_error->showError(message);
    m_search->setFocus();
}

} // namespace pos::ui
