#include "RefundDialog.h"

#include "ApprovalFlow.h"
#include "MoneyText.h"
#include "RefundReceiptDialog.h"
#include "SearchResultsList.h"
#include "WrappedLabel.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace pos::ui {

namespace {

constexpr int TextWidth = 820;
constexpr int SearchLimit = 20;

enum SaleColumn { SaleProduct, SaleSold, SaleRefunded, SaleLeft, SalePaid, SaleBack, SaleColumns };
enum ReturnColumn { ReturnProduct, ReturnPrice, ReturnQuantity, ReturnRemove, ReturnColumns };

QTableWidget* table(const QString& name, const QStringList& headers, int stretch, QWidget* parent)
{
    auto* t = new QTableWidget(0, static_cast<int>(headers.size()), parent);
    t->setObjectName(name);
    t->setHorizontalHeaderLabels(headers);
    t->setSelectionMode(QAbstractItemView::NoSelection);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->verticalHeader()->hide();
    t->verticalHeader()->setDefaultSectionSize(44);
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    t->horizontalHeader()->setSectionResizeMode(stretch, QHeaderView::Stretch);
    t->setMinimumHeight(200);
    return t;
}

QLineEdit* quantityField(const QString& name, const QString& accessible, QWidget* parent)
{
    auto* field = new QLineEdit(parent);
    field->setObjectName(name);
    field->setAccessibleName(accessible);
    field->setPlaceholderText(QStringLiteral("0"));
    field->setAlignment(Qt::AlignRight);
    field->setMaxLength(12);
    return field;
}

void setCell(QTableWidget* t, int row, int col, const QString& text, bool right = false)
{
    auto* item = new QTableWidgetItem(text);
    if (right)
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    t->setItem(row, col, item);
}

} // namespace

RefundDialog::RefundDialog(Services services, const Session& session, RegisterSettings settings,
                           QWidget* parent)
    : QDialog(parent), m_services(services), m_session(session), m_settings(std::move(settings)),
      m_attempt(QUuid::createUuid())
{
    setObjectName(QStringLiteral("refundDialog"));
    setWindowTitle(tr("Return / refund"));
    setModal(true);
    auto* layout = new QVBoxLayout(this);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("refundTabs"));
    m_tabs->addTab(buildReceiptTab(), tr("With the receipt"));
    m_tabs->addTab(buildReturnTab(), tr("Without a receipt"));
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        updatePreview();
        if (withReceipt())
            m_receiptNo->setFocus(Qt::OtherFocusReason);
        else
            m_returnScan->setFocus(Qt::OtherFocusReason);
    });
    layout->addWidget(m_tabs, 1);

    auto* reasonRow = new QHBoxLayout;
    auto* reasonLabel = new QLabel(tr("&Reason (required):"), this);
    m_reason = new QLineEdit(this);
    m_reason->setObjectName(QStringLiteral("refundReason"));
    m_reason->setAccessibleName(tr("Reason"));
    m_reason->setMaxLength(200);
    m_reason->setPlaceholderText(tr("For example: faulty, wrong size"));
    reasonLabel->setBuddy(m_reason);
    reasonRow->addWidget(reasonLabel);
    reasonRow->addWidget(m_reason, 1);
    layout->addLayout(reasonRow);

    m_previewText = new QPlainTextEdit(this);
    m_previewText->setObjectName(QStringLiteral("refundPreview"));
    m_previewText->setAccessibleName(tr("What is given back"));
    m_previewText->setReadOnly(true);
    m_previewText->setProperty("role", QStringLiteral("document"));
    m_previewText->setFixedHeight(150);
    m_previewText->setPlaceholderText(tr("Pick what comes back: the amounts appear here."));
    layout->addWidget(m_previewText);

    m_error = WrappedLabel::errorLabel(QStringLiteral("refundError"), TextWidth, this);
    layout->addWidget(m_error);

    auto* buttons = new QDialogButtonBox(this);
    m_commit = buttons->addButton(tr("Refund (F12)"), QDialogButtonBox::AcceptRole);
    m_commit->setObjectName(QStringLiteral("refundButton"));
    m_commit->setProperty("role", QStringLiteral("primary"));
    m_commit->setAutoDefault(false);
    m_commit->setEnabled(false);
    QPushButton* close = buttons->addButton(tr("Close (Esc)"), QDialogButtonBox::RejectRole);
    close->setObjectName(QStringLiteral("refundCloseButton"));
    close->setAutoDefault(false);
    connect(m_commit, &QPushButton::clicked, this, &RefundDialog::commit);
    connect(buttons, &QDialogButtonBox::rejected, this, &RefundDialog::reject);
    layout->addWidget(buttons);
    auto* f12 = new QAction(this);
    f12->setShortcut(Qt::Key_F12);
    connect(f12, &QAction::triggered, this, &RefundDialog::commit);
    addAction(f12);

    resize(TextWidth + 60, 720);
    m_receiptNo->setFocus(Qt::OtherFocusReason);
}

RefundDialog::~RefundDialog() = default;

QWidget* RefundDialog::buildReceiptTab()
{
    auto* page = new QWidget(m_tabs);
    auto* layout = new QVBoxLayout(page);
    auto* find = new QHBoxLayout;
    auto* label = new QLabel(tr("Receipt &number:"), page);
    m_receiptNo = new QLineEdit(page);
    m_receiptNo->setObjectName(QStringLiteral("receiptNumberEdit"));
    m_receiptNo->setAccessibleName(tr("Receipt number"));
    m_receiptNo->setMaxLength(12);
    label->setBuddy(m_receiptNo);
    auto* findButton = new QPushButton(tr("Find (Enter)"), page);
    findButton->setObjectName(QStringLiteral("findReceiptButton"));
    findButton->setAutoDefault(false);
    connect(findButton, &QPushButton::clicked, this, &RefundDialog::findReceipt);
    connect(m_receiptNo, &QLineEdit::returnPressed, this, &RefundDialog::findReceipt);
    find->addWidget(label);
    find->addWidget(m_receiptNo, 1);
    find->addWidget(findButton);
    layout->addLayout(find);

    m_saleInfo = new QLabel(page);
    m_saleInfo->setObjectName(QStringLiteral("saleInfo"));
    m_saleInfo->setWordWrap(true);
    layout->addWidget(m_saleInfo);

    m_saleLines = table(QStringLiteral("refundLinesTable"),
                        {tr("Product"), tr("Sold"), tr("Refunded"), tr("Can come back"), tr("Paid"),
                         tr("Comes back now")},
                        SaleProduct, page);
    layout->addWidget(m_saleLines, 1);
    return page;
}

QWidget* RefundDialog::buildReturnTab()
{
    auto* page = new QWidget(m_tabs);
    auto* layout = new QVBoxLayout(page);
    auto* note = new WrappedLabel(tr("Products without a receipt go back at today's price, in "
                                     "cash from the drawer."),
                                  TextWidth, page);
    layout->addWidget(note);
    m_returnScan = new QLineEdit(page);
    m_returnScan->setObjectName(QStringLiteral("returnScanEdit"));
    m_returnScan->setAccessibleName(tr("Scan or search a product"));
    m_returnScan->setPlaceholderText(tr("Scan a barcode, or type a name or SKU and Enter"));
    m_returnScan->installEventFilter(this);
    layout->addWidget(m_returnScan);
    m_returnResults = new SearchResultsList(page);
    m_returnResults->setObjectName(QStringLiteral("returnSearchResults"));
    m_returnResults->setMaximumHeight(180);
    m_returnResults->hide();
    connect(m_returnResults, &SearchResultsList::productChosen, this,
            [this](const Product& p) { addReturnProduct(p); });
    layout->addWidget(m_returnResults);
    m_returnLines =
        table(QStringLiteral("returnLinesTable"),
              {tr("Product"), tr("Price now"), tr("Quantity"), QString()}, ReturnProduct, page);
    layout->addWidget(m_returnLines, 1);
    return page;
}

bool RefundDialog::withReceipt() const
{
    return m_tabs->currentIndex() == 0;
}

bool RefundDialog::eventFilter(QObject* watched, QEvent* event)
{
    if (watched != m_returnScan || event->type() != QEvent::KeyPress)
        return QDialog::eventFilter(watched, event);
    const auto* key = static_cast<QKeyEvent*>(event);
    switch (key->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (const Product* p = m_returnResults->isHidden() ? nullptr : m_returnResults->current())
            addReturnProduct(*p);
        else
            scanReturn();
        return true;
    case Qt::Key_Up:
    case Qt::Key_Down:
        m_returnResults->moveSelection(key->key() == Qt::Key_Up ? -1 : 1);
        return true;
    default:
        return QDialog::eventFilter(watched, event);
    }
}

void RefundDialog::findReceipt()
{
    bool ok = false;
    const qint64 number = m_receiptNo->text().trimmed().toLongLong(&ok);
    if (!ok || number <= 0) {
        showError(tr("Type the receipt number printed on the receipt (for example 7)."));
        return;
    }
    auto sale = m_services.refunds.refundableByReceipt(m_session, number);
    if (!sale) {
        m_sale.reset();
        showSale();
        showError(sale.error().message);
        return;
    }
    m_error->hide();
    m_sale = *sale;
    m_attempt = QUuid::createUuid();
    showSale();
}

void RefundDialog::showSale()
{
    m_saleQuantities.clear();
    m_saleLines->setRowCount(0);
    if (!m_sale) {
        m_saleInfo->clear();
        updatePreview();
        return;
    }
    const RefundableSale& s = *m_sale;
    const auto money = [&](qint64 minor) {
        return MoneyText::format(minor, s.currency);
    };
    m_saleInfo->setText(
        tr("Receipt %1 of %2 · paid %3 (card %4, %5 back; cash %6, %7 back)")
            .arg(s.receiptNo)
            .arg(QLocale().toString(s.completedAt.toLocalTime(), QLocale::ShortFormat),
                 money(s.paidMinor), money(s.cardPaidMinor), money(s.cardRefundedMinor),
                 money(s.cashPaidMinor), money(s.cashRefundedMinor)));
    m_saleLines->setRowCount(static_cast<int>(s.lines.size()));
    for (int row = 0; row < s.lines.size(); ++row) {
        const RefundableLine& l = s.lines.at(row);
        setCell(m_saleLines, row, SaleProduct, l.name);
        setCell(m_saleLines, row, SaleSold, MoneyText::quantity(l.sold, l.soldByWeight), true);
        setCell(m_saleLines, row, SaleRefunded, MoneyText::quantity(l.refunded, l.soldByWeight),
                true);
        setCell(m_saleLines, row, SaleLeft, MoneyText::quantity(l.refundable, l.soldByWeight),
                true);
        setCell(m_saleLines, row, SalePaid, money(l.totalMinor), true);
        auto* field = quantityField(QStringLiteral("refundQuantity%1").arg(l.lineNo),
                                    tr("Quantity of %1 that comes back").arg(l.name), m_saleLines);
        field->setEnabled(l.refundable.milli() > 0);
        connect(field, &QLineEdit::textChanged, this, &RefundDialog::updatePreview);
        m_saleLines->setCellWidget(row, SaleBack, field);
        m_saleQuantities.append(field);
    }
    updatePreview();
    if (!m_saleQuantities.isEmpty())
        m_saleQuantities.first()->setFocus(Qt::OtherFocusReason);
}

void RefundDialog::scanReturn()
{
    const QString text = m_returnScan->text().trimmed();
    if (text.isEmpty())
        return;
    auto product = m_services.catalog.lookupScan(m_session, text);
    if (product) {
        addReturnProduct(*product);
        return;
    }
    const bool wordy = std::any_of(text.begin(), text.end(), [](QChar c) { return c.isLetter(); });
    if (!wordy) {
        showError(product.error().message);
        m_returnScan->selectAll();
        return;
    }
    auto found = m_services.catalog.search(m_session, text, SearchLimit);
    if (!found) {
        showError(found.error().message);
        return;
    }
    if (found->size() == 1) {
        addReturnProduct(found->first());
        return;
    }
    m_returnResults->setProducts(*found);
    m_returnResults->setVisible(!found->isEmpty());
    if (found->isEmpty())
        showError(tr("No product matches \"%1\".").arg(text));
    else
        m_returnResults->moveSelection(1);
}

void RefundDialog::addReturnProduct(const Product& product)
{
    m_returnResults->hide();
    m_returnScan->clear();
    m_error->hide();
    const auto same = std::find_if(m_returnProducts.cbegin(), m_returnProducts.cend(),
                                   [&](const Product& p) { return p.id == product.id; });
    if (same != m_returnProducts.cend() && !product.soldByWeight) {
        const auto row = same - m_returnProducts.cbegin();
        const qint64 now = m_returnQuantities.at(row).toLongLong();
        m_returnQuantities[row] = QString::number(now + 1);
    } else {
        m_returnProducts.append(product);
        m_returnQuantities.append(product.soldByWeight ? QString() : QStringLiteral("1"));
    }
    showReturnLines();
}

void RefundDialog::showReturnLines()
{
    m_returnLines->setRowCount(static_cast<int>(m_returnProducts.size()));
    for (int row = 0; row < m_returnProducts.size(); ++row) {
        const Product& p = m_returnProducts.at(row);
        setCell(m_returnLines, row, ReturnProduct, p.name);
        QString price = MoneyText::format(p.price.minor(), p.price.currency());
        setCell(m_returnLines, row, ReturnPrice, p.soldByWeight ? tr("%1/kg").arg(price) : price,
                true);
        auto* field =
            quantityField(QStringLiteral("returnQuantity%1").arg(row + 1),
                          tr("Quantity of %1 that comes back").arg(p.name), m_returnLines);
        field->setText(m_returnQuantities.at(row));
        connect(field, &QLineEdit::textChanged, this, [this, row](const QString& text) {
            m_returnQuantities[row] = text;
            updatePreview();
        });
        m_returnLines->setCellWidget(row, ReturnQuantity, field);
        auto* remove = new QPushButton(tr("Remove"), m_returnLines);
        remove->setObjectName(QStringLiteral("returnRemove%1").arg(row + 1));
        remove->setAutoDefault(false);
        connect(remove, &QPushButton::clicked, this, [this, row] {
            m_returnProducts.removeAt(row);
            m_returnQuantities.removeAt(row);
            showReturnLines();
        });
        m_returnLines->setCellWidget(row, ReturnRemove, remove);
    }
    updatePreview();
    if (!m_returnProducts.isEmpty() && m_returnProducts.last().soldByWeight)
        m_returnLines->cellWidget(m_returnLines->rowCount() - 1, ReturnQuantity)->setFocus();
    else
        m_returnScan->setFocus(Qt::OtherFocusReason);
}

Result<RefundRequest> RefundDialog::receiptRequest(const QString& reason) const
{
    if (!m_sale)
        return fail(ErrorCode::InvalidInput, tr("Find the sale by its receipt number first."));
    RefundRequest request;
    request.id = m_attempt;
    request.saleId = m_sale->saleId;
    request.reason = reason;
    for (int row = 0; row < m_saleQuantities.size(); ++row) {
        const QString text = MoneyText::toPlainNumber(m_saleQuantities.at(row)->text());
        if (text.isEmpty())
            continue;
        auto q = Quantity::parse(text);
        if (!q)
            return fail(q.error().code,
                        tr("%1: %2").arg(m_sale->lines.at(row).name,
                                         WrappedLabel::sentence(q.error().message)));
        if (q->milli() != 0)
            request.lines.append({m_sale->lines.at(row).lineNo, *q});
    }
    return request;
}

Result<ReturnRequest> RefundDialog::returnRequest(const QString& reason) const
{
    ReturnRequest request;
    request.id = m_attempt;
    request.reason = reason;
    for (int row = 0; row < m_returnProducts.size(); ++row) {
        const QString text = MoneyText::toPlainNumber(m_returnQuantities.at(row));
        const Product& p = m_returnProducts.at(row);
        if (text.isEmpty())
            continue;
        auto q = Quantity::parse(text);
        if (!q)
            return fail(q.error().code,
                        tr("%1: %2").arg(p.name, WrappedLabel::sentence(q.error().message)));
        if (q->milli() != 0)
            request.lines.append({p.id, *q});
    }
    return request;
}

// Core's plan of the refund as the screen stands now. Before a reason is typed the preview still
// shows the amounts (core wants a reason even to preview; the refund itself takes the real one).
Result<Refund> RefundDialog::previewWith(const QString& reason)
{
    const QString shown = reason.trimmed().isEmpty() ? tr("(preview)") : reason;
    if (withReceipt()) {
        auto request = receiptRequest(shown);
        if (!request)
            return std::unexpected(request.error());
        return m_services.refunds.preview(m_session, *request);
    }
    auto request = returnRequest(shown);
    if (!request)
        return std::unexpected(request.error());
    return m_services.refunds.previewReturn(m_session, *request);
}

void RefundDialog::updatePreview()
{
    m_preview.reset();
    m_commit->setEnabled(false);
    m_previewText->clear();
    const bool nothing = withReceipt() ? !m_sale : m_returnProducts.isEmpty();
    if (nothing) {
        m_error->hide();
        return;
    }
    auto preview = previewWith(m_reason->text());
    if (!preview) {
        showError(preview.error().message);
        return;
    }
    m_error->hide();
    m_preview = *preview;
    const Refund& r = *preview;
    const auto money = [&](qint64 minor) {
        return MoneyText::format(minor, r.currency);
    };
    QStringList out;
    for (const RefundLine& l : r.lines)
        out << tr("%1 × %2: %3").arg(l.name, l.quantity.toString(), money(l.amountMinor));
    out << tr("Given back: %1 (tax %2)").arg(money(r.totalMinor), money(r.taxMinor));
    for (const RefundTender& t : r.tenders)
        out << (t.kind == TenderKind::Card ? tr("  back to the card: %1")
                                           : tr("  in cash from the drawer: %1"))
                   .arg(money(t.amountMinor));
    m_previewText->setPlainText(out.join(u'\n'));
    m_commit->setEnabled(true);
}

Status RefundDialog::perform(const QUuid& approvalId)
{
    Result<Refund> done = fail(ErrorCode::Internal, QString());
    if (withReceipt()) {
        auto request = receiptRequest(m_reason->text());
        if (!request)
            return std::unexpected(request.error());
        request->approvalId = approvalId;
        done = m_services.refunds.refund(m_session, *request);
    } else {
        auto request = returnRequest(m_reason->text());
        if (!request)
            return std::unexpected(request.error());
        request->approvalId = approvalId;
        done = m_services.refunds.returnWithoutReceipt(m_session, *request);
    }
    if (!done)
        return std::unexpected(done.error());
    m_done = *done;
    return {};
}

void RefundDialog::commit()
{
    if (!m_commit->isEnabled())
        return;
    const QString reason = m_reason->text();
    ApprovalFlow flow(m_services.approvals, m_session, m_settings.currency, this);
    const ApprovalFlow::Outcome outcome =
        flow.run([this](const QUuid& approvalId) { return perform(approvalId); },
                 [this, reason]() -> Result<ApprovalAsk> {
                     auto plan = previewWith(reason);
                     if (!plan)
                         return std::unexpected(plan.error());
                     return plan->ask;
                 },
                 reason);
    if (!outcome.done() || !m_done) {
        showError(outcome.error);
        if (m_reason->text().trimmed().isEmpty())
            m_reason->setFocus(Qt::OtherFocusReason);
        return;
    }
    RefundReceiptDialog receipt(*m_done,
                                ReceiptHeader{m_settings.storeName, m_settings.registerName}, this);
    receipt.exec();
    accept();
}

void RefundDialog::showError(const QString& message)
{
    m_error->showError(message);
}

} // namespace pos::ui
