#include "HeldSalesDialog.h"

#include "MoneyText.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace pos::ui {

HeldSalesDialog::HeldSalesDialog(const QList<HeldSale>& held, const QString& currency,
                                 QWidget* parent)
    : QDialog(parent), m_held(held)
{
    setObjectName(QStringLiteral("heldSalesDialog"));
    setWindowTitle(tr("Held sales"));
    setModal(true);
    auto* layout = new QVBoxLayout(this);

    m_table = new QTableWidget(static_cast<int>(held.size()), 4, this);
    m_table->setObjectName(QStringLiteral("heldTable"));
    m_table->setAccessibleName(tr("Held sales"));
    m_table->setHorizontalHeaderLabels({tr("Label"), tr("Held at"), tr("Items"), tr("Total")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    const QLocale locale;
    for (int row = 0; row < held.size(); ++row) {
        const HeldSale& h = held.at(row);
        auto item = [](const QString& text, bool number) {
            auto* it = new QTableWidgetItem(text);
            it->setTextAlignment(Qt::AlignVCenter | (number ? Qt::AlignRight : Qt::AlignLeft));
            return it;
        };
        m_table->setItem(row, 0, item(h.label, false));
        m_table->setItem(
            row, 1, item(locale.toString(h.heldAt.toLocalTime(), QLocale::ShortFormat), false));
        m_table->setItem(row, 2, item(locale.toString(h.lineCount), true));
        m_table->setItem(row, 3, item(MoneyText::format(h.totalMinor, currency, locale), true));
    }
    if (!held.isEmpty())
        m_table->selectRow(0);
    layout->addWidget(m_table, 1);

    auto* empty = new QLabel(tr("No sales are held on this register."), this);
    empty->setVisible(held.isEmpty());
    layout->addWidget(empty);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto* resume = buttons->button(QDialogButtonBox::Ok);
    resume->setObjectName(QStringLiteral("resumeButton"));
    resume->setText(tr("Resume (Enter)"));
    resume->setEnabled(!held.isEmpty());
    resume->setMinimumHeight(56);
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("Close (Esc)"));
    buttons->button(QDialogButtonBox::Cancel)->setMinimumHeight(56);
    connect(buttons, &QDialogButtonBox::accepted, this, &HeldSalesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &HeldSalesDialog::reject);
    connect(m_table, &QTableWidget::cellDoubleClicked, this, &HeldSalesDialog::accept);
    layout->addWidget(buttons);
    resize(720, 420);
}

QUuid HeldSalesDialog::selectedId() const
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_held.size())
        return {};
    return m_held.at(row).id;
}

} // namespace pos::ui
