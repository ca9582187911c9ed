#include "TenderDialog.h"

#include "MoneyText.h"
#include "WrappedLabel.h"

#include <QAction>
#include <QApplication>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>

namespace pos::ui {

namespace {

QPushButton* bigButton(const QString& text, const QString& name, QWidget* parent)
{
    auto* b = new QPushButton(text, parent);
    b->setObjectName(name);
    b->setAccessibleName(QString(text).replace(u'\n', u' '));
    b->setAutoDefault(false);
    b->setMinimumHeight(64);
    return b;
}

} // namespace

TenderDialog::TenderDialog(SaleService& sales, const Cart& cart, const CartTotals& totals,
                           Session session, QWidget* parent)
    : QDialog(parent), m_sales(sales), m_cart(cart), m_session(std::move(session)),
      m_tally(totals.totalMinor, totals.currency)
{
    setObjectName(QStringLiteral("tenderDialog"));
    setWindowTitle(tr("Payment"));
    setModal(true);
    auto* grid = new QGridLayout(this);
    grid->setColumnStretch(1, 1);

    auto* dueCaption = new QLabel(tr("Amount due"), this);
    m_due = new QLabel(money(totals.totalMinor), this);
    m_due->setObjectName(QStringLiteral("dueLabel"));
    m_due->setAccessibleName(tr("Amount due"));
    m_due->setProperty("role", QStringLiteral("big"));
    grid->addWidget(dueCaption, 0, 0);
    grid->addWidget(m_due, 0, 1, 1, 2, Qt::AlignRight);

    auto* remainingCaption = new QLabel(tr("Still due"), this);
    m_remaining = new QLabel(this);
    m_remaining->setObjectName(QStringLiteral("remainingLabel"));
    m_remaining->setAccessibleName(tr("Still due"));
    m_remaining->setProperty("role", QStringLiteral("big"));
    grid->addWidget(remainingCaption, 1, 0);
    grid->addWidget(m_remaining, 1, 1, 1, 2, Qt::AlignRight);

    auto* cashCaption = new QLabel(tr("&Cash handed over"), this);
    m_cash = new QLineEdit(this);
    m_cash->setObjectName(QStringLiteral("cashEdit"));
    m_cash->setAccessibleName(tr("Cash handed over"));
    m_cash->setProperty("role", QStringLiteral("bigInput"));
    m_cash->setPlaceholderText(tr("Amount"));
    cashCaption->setBuddy(m_cash);
    auto* addCash = bigButton(tr("Add cash\nEnter"), QStringLiteral("addCashButton"), this);
    grid->addWidget(cashCaption, 2, 0);
    grid->addWidget(m_cash, 2, 1);
    grid->addWidget(addCash, 2, 2);

    auto* quickBox = new QWidget(this);
    quickBox->setObjectName(QStringLiteral("quickAmounts"));
    m_quick = new QHBoxLayout(quickBox);
    m_quick->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(quickBox, 3, 0, 1, 3);

    m_card =
        bigButton(tr("Card — charge what is still due\nF9"), QStringLiteral("cardButton"), this);
    grid->addWidget(m_card, 4, 0, 1, 3);

    m_tenders = new QListWidget(this);
    m_tenders->setObjectName(QStringLiteral("tenderList"));
    m_tenders->setAccessibleName(tr("Tenders"));
    m_tenders->setFocusPolicy(Qt::NoFocus);
    m_tenders->setMaximumHeight(130);
    m_remove = bigButton(tr("Remove tender"), QStringLiteral("removeTenderButton"), this);
    grid->addWidget(m_tenders, 5, 0, 1, 2);
    grid->addWidget(m_remove, 5, 2, Qt::AlignTop);

    m_change = new QLabel(this);
    m_change->setObjectName(QStringLiteral("changeLabel"));
    m_change->setAccessibleName(tr("Change due"));
    m_change->setProperty("role", QStringLiteral("change"));
    m_change->setAlignment(Qt::AlignCenter);
    grid->addWidget(m_change, 6, 0, 1, 3);

    m_error = new WrappedLabel({}, 600, this);
    m_error->setObjectName(QStringLiteral("tenderError"));
    m_error->setProperty("kind", QStringLiteral("error"));
    m_error->hide();
    grid->addWidget(m_error, 7, 0, 1, 3);

    auto* cancel = bigButton(tr("Back to sale\nEsc"), QStringLiteral("tenderCancelButton"), this);
    m_complete = bigButton(tr("Complete sale\nF12"), QStringLiteral("completeButton"), this);
    m_complete->setProperty("role", QStringLiteral("primary"));
    grid->addWidget(cancel, 8, 0);
    grid->addWidget(m_complete, 8, 1, 1, 2);

    auto* cardAction = new QAction(this);
    cardAction->setShortcut(Qt::Key_F9);
    addAction(cardAction);
    auto* completeAction = new QAction(this);
    completeAction->setShortcut(Qt::Key_F12);
    addAction(completeAction);

    connect(m_cash, &QLineEdit::returnPressed, this, &TenderDialog::addTypedCash);
    connect(m_cash, &QLineEdit::textChanged, this, &TenderDialog::refresh);
    connect(addCash, &QPushButton::clicked, this, &TenderDialog::addTypedCash);
    connect(m_card, &QPushButton::clicked, this, &TenderDialog::addCard);
    connect(cardAction, &QAction::triggered, this, &TenderDialog::addCard);
    connect(m_remove, &QPushButton::clicked, this, &TenderDialog::removeSelectedTender);
    connect(m_complete, &QPushButton::clicked, this, &TenderDialog::complete);
    connect(completeAction, &QAction::triggered, this, [this] {
        if (m_complete->isEnabled())
            complete();
    });
    connect(cancel, &QPushButton::clicked, this, &TenderDialog::reject);

    setMinimumWidth(640);
    refresh();
    m_cash->setFocus();
}

QString TenderDialog::money(qint64 minor) const
{
    return MoneyText::format(minor, m_tally.currency());
}

std::optional<qint64> TenderDialog::typedCash(QString* error) const
{
    const QString text = MoneyText::toPlainNumber(m_cash->text());
    if (text.isEmpty())
        return std::nullopt;
    auto amount = Money::parse(text, m_tally.currency());
    if (!amount) {
        if (error)
            *error = amount.error().message;
        return std::nullopt;
    }
    return amount->minor();
}

void TenderDialog::showError(const QString& message)
{
    m_error->setWrappedText(WrappedLabel::sentence(message));
    m_error->setVisible(!message.isEmpty());
    adjustSize();
    if (!message.isEmpty())
        QApplication::beep();
}

void TenderDialog::addCash(qint64 handedMinor)
{
    if (auto added = m_tally.addCash(handedMinor); !added) {
        showError(added.error().message);
        return;
    }
    m_cash->clear();
    showError({});
    refresh();
}

void TenderDialog::addTypedCash()
{
    QString error;
    const auto amount = typedCash(&error);
    if (!amount) {
        if (!error.isEmpty())
            showError(error);
        else if (m_tally.isCovered())
            complete(); // Enter on an empty field once paid in full: done
        return;
    }
    addCash(*amount);
}

void TenderDialog::addCard()
{
    if (auto added = m_tally.addCard(); !added) {
        showError(added.error().message);
        return;
    }
    showError({});
    refresh();
}

void TenderDialog::removeSelectedTender()
{
    const int row = m_tenders->currentRow() >= 0 ? m_tenders->currentRow()
                                                 : static_cast<int>(m_tenders->count()) - 1;
    m_tally.remove(row);
    showError({});
    refresh();
}

void TenderDialog::rebuildQuickButtons()
{
    while (QLayoutItem* item = m_quick->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const qint64 remaining = m_tally.remainingMinor();
    if (remaining == 0)
        return;
    auto* exact =
        bigButton(tr("Exact\n%1").arg(money(remaining)), QStringLiteral("quickExact"), this);
    connect(exact, &QPushButton::clicked, this, [this, remaining] { addCash(remaining); });
    m_quick->addWidget(exact);
    // Suggestions only: the next notes above what is due, as a customer would hand them over.
    qint64 unit = 1;
    for (int i = 0; i < Money::decimalsFor(m_tally.currency()); ++i)
        unit *= 10;
    int shown = 0;
    for (const qint64 note : {5, 10, 20, 50, 100, 200, 500}) {
        const qint64 minor = note * unit;
        if (minor <= remaining || shown == 4)
            continue;
        auto* b = bigButton(money(minor), QStringLiteral("quick%1").arg(note), this);
        connect(b, &QPushButton::clicked, this, [this, minor] { addCash(minor); });
        m_quick->addWidget(b);
        ++shown;
    }
}

void TenderDialog::refresh()
{
    m_tenders->clear();
    for (const TenderRequest& r : m_tally.requests()) {
        if (r.kind == TenderKind::Card)
            m_tenders->addItem(tr("Card   %1").arg(money(r.amountMinor)));
        else if (r.tenderedMinor != r.amountMinor)
            m_tenders->addItem(tr("Cash   %1 handed over, %2 applied")
                                   .arg(money(r.tenderedMinor), money(r.amountMinor)));
        else
            m_tenders->addItem(tr("Cash   %1").arg(money(r.amountMinor)));
    }
    m_remove->setEnabled(!m_tally.requests().isEmpty());

    // Preview with what is typed but not yet added, so the cashier sees the change at once.
    TenderTally preview = m_tally;
    if (const auto typed = typedCash())
        (void)preview.addCash(*typed);
    m_remaining->setText(money(preview.remainingMinor()));
    m_change->setText(tr("Change due: %1").arg(money(preview.changeMinor())));
    m_card->setEnabled(!m_tally.isCovered());
    m_complete->setEnabled(preview.isCovered());
    rebuildQuickButtons();
}

void TenderDialog::complete()
{
    if (m_sale)
        return; // completed once; a second key press must not ring the cart up again
    // Cash still in the field counts as handed over.
    if (!m_cash->text().trimmed().isEmpty()) {
        QString error;
        const auto amount = typedCash(&error);
        if (!amount) {
            showError(error);
            return;
        }
        if (auto added = m_tally.addCash(*amount); !added) {
            showError(added.error().message);
            return;
        }
        m_cash->clear();
        refresh();
    }
    m_complete->setEnabled(false);
    auto sale = m_sales.complete(m_session, m_cart, m_tally.requests());
    if (!sale) {
        showError(sale.error().message);
        refresh();
        return;
    }
    m_sale = std::move(*sale);
    accept();
}

} // namespace pos::ui
