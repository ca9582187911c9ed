// Commands on the company-wide catalog: products, tax classes, categories (docs/sync.md,
// "Commands"). Each needs catalog.edit in every store the user works in (owners always).

#include "CommandContext.h"
#include "catalog/CatalogText.h"
#include "catalog/ProductWriter.h"

#include <QJsonDocument>

namespace pos::server::commands {

using catalogtext::quoted;

namespace {

const FieldSpec Sku{"sku", FieldType::Text, "SKU"};
const FieldSpec Name{"name", FieldType::Text, "name"};
const FieldSpec Price{"price_minor", FieldType::Money, "price"};
const FieldSpec Cost{"cost_minor", FieldType::Money, "cost"};
const FieldSpec Tax{"tax_class_id", FieldType::Uuid, "tax class"};
const FieldSpec Category{"category_id", FieldType::OptionalUuid, "category"};
const FieldSpec Barcodes{"barcodes", FieldType::Barcodes, "barcodes"};
const FieldSpec Active{"active", FieldType::Bool, "active"};
const FieldSpec ByWeight{"sold_by_weight", FieldType::Bool, "sold by weight"};
const QList<const FieldSpec*> ProductFields{&Sku,      &Name,     &Price,  &Cost,    &Tax,
                                            &Category, &Barcodes, &Active, &ByWeight};

const FieldSpec TaxCode{"code", FieldType::Text, "code"};
const FieldSpec TaxName{"name", FieldType::Text, "name"};
const FieldSpec Rate{"rate_ppm", FieldType::Ppm, "rate"};
const FieldSpec Inclusive{"inclusive", FieldType::Bool, "inclusive"};
const QList<const FieldSpec*> TaxFields{&TaxCode, &TaxName, &Rate, &Inclusive};

const FieldSpec CategoryName{"name", FieldType::Text, "name"};

QHash<QString, QString> labelsOf(const QList<const FieldSpec*>& specs)
{
    QHash<QString, QString> labels;
    for (const FieldSpec* s : specs)
        labels.insert(QLatin1String(s->name), QLatin1String(s->label));
    return labels;
}

bool same(const QJsonValue& a, const QJsonValue& b)
{
    if (a.isDouble() && b.isDouble())
        return a.toDouble() == b.toDouble();
    return a == b;
}

const FieldValue* find(const QList<FieldValue>& fields, const FieldSpec& spec)
{
    for (const FieldValue& f : fields)
        if (f.spec == &spec)
            return &f;
    return nullptr;
}

QStringList changedFields(const QJsonObject& current, const QList<FieldValue>& fields)
{
    QStringList changed;
    for (const FieldValue& f : fields)
        if (!same(current.value(QLatin1String(f.spec->name)), f.json))
            changed.append(QLatin1String(f.spec->name));
    return changed;
}

ApiResponse invalid(const QString& what, const QStringList& problems)
{
    return badRequest(QStringLiteral("The %1 is not valid: %2.").arg(what, problems.join(u"; ")));
}

// Runs `UPDATE <table> SET <changed fields>, version = version + 1 ... WHERE id = $1` and
// returns the new version.
ApiResult<qint64> updateRow(CommandContext& ctx, const char* table, const QString& id,
                            const QList<FieldValue>& fields, const QStringList& changed,
                            const char* extraSet = "")
{
    QString sql = QStringLiteral("UPDATE pos.%1 SET ").arg(QLatin1String(table));
    QList<QByteArray> params{id.toUtf8()};
    for (const FieldValue& f : fields) {
        if (!changed.contains(QLatin1String(f.spec->name)))
            continue;
        params.append(f.param);
        sql += QLatin1String(f.spec->name) + u" = " +
               f.sqlExpression(static_cast<int>(params.size())) + u", ";
    }
    sql += QStringLiteral("version = version + 1%1 WHERE id = $1::uuid RETURNING version")
               .arg(QLatin1String(extraSet));
    auto r = ctx.pg().exec(sql.toUtf8(), params);
    if (!r)
        return std::unexpected(ctx.databaseError(r.error()));
    return r->integer(0, 0);
}

// Another product holding one of these barcodes.
std::optional<ApiResponse> barcodesFree(CommandContext& ctx, const FieldValue* barcodes,
                                        const QString& productId)
{
    if (!barcodes)
        return std::nullopt;
    auto r = ctx.pg().exec("SELECT p.name, b FROM pos.products p, "
                           "unnest(p.barcodes) b WHERE p.id <> $1::uuid AND b IN ("
                           "SELECT jsonb_array_elements_text($2::jsonb)) LIMIT 1",
                           {productId.toUtf8(), barcodes->param});
    if (!r)
        return ctx.databaseError(r.error());
    if (r->rows() > 0)
        return conflict(QStringLiteral("Barcode %1 is on %2 already.")
                            .arg(quoted(r->text(0, 1)), quoted(r->text(0, 0))));
    return std::nullopt;
}

std::optional<ApiResponse> skuFree(CommandContext& ctx, const FieldValue* sku,
                                   const QString& productId)
{
    if (!sku)
        return std::nullopt;
    auto r = ctx.pg().exec("SELECT name FROM pos.products WHERE sku = $1 AND id <> $2::uuid",
                           {sku->param, productId.toUtf8()});
    if (!r)
        return ctx.databaseError(r.error());
    if (r->rows() > 0)
        return conflict(QStringLiteral("The SKU %1 belongs to %2 already.")
                            .arg(quoted(sku->json.toString()), quoted(r->text(0, 0))));
    return std::nullopt;
}

std::optional<ApiResponse> newEntity(const Command& command, const char* what)
{
    if (!validUuid(command.id))
        return badRequest(
            QStringLiteral("A new %1 needs a UUID as its id.").arg(QLatin1String(what)));
    if (command.baseVersion != 0)
        return badRequest(QStringLiteral("A new %1 has no version yet: base_version must be 0.")
                              .arg(QLatin1String(what)));
    return std::nullopt;
}

// The fields of a product as ProductWriter::check sees them (shared with the register's import).
QStringList checkProduct(const QJsonObject& p)
{
    NewProduct n;
    n.sku = p.value(QStringLiteral("sku")).toString();
    n.name = p.value(QStringLiteral("name")).toString();
    n.priceMinor = p.value(QStringLiteral("price_minor")).toInteger();
    n.costMinor = p.value(QStringLiteral("cost_minor")).toInteger();
    n.taxCode = QStringLiteral("by id"); // the tax class is checked by its id
    for (const QJsonValue& b : p.value(QStringLiteral("barcodes")).toArray())
        n.barcodes.append(b.toString());
    return ProductWriter::check(n);
}

QString productValue(const QJsonObject& row, const QString& field)
{
    const QJsonValue v = row.value(field);
    if (field == u"price_minor" || field == u"cost_minor")
        return moneyText(v.toInteger());
    if (field == u"tax_class_id")
        return quoted(row.value(QStringLiteral("tax_code")).toString());
    if (field == u"category_id")
        return v.isNull() ? QStringLiteral("none")
                          : quoted(row.value(QStringLiteral("category_name")).toString());
    if (field == u"barcodes") {
        QStringList codes;
        for (const QJsonValue& c : v.toArray())
            codes.append(c.toString());
        return codes.isEmpty() ? QStringLiteral("none") : codes.join(u", ");
    }
    if (field == u"active")
        return v.toBool() ? QStringLiteral("active") : QStringLiteral("inactive");
    if (v.isBool())
        return v.toBool() ? QStringLiteral("yes") : QStringLiteral("no");
    return quoted(v.toString());
}

} // namespace

ApiResult<Applied> productCreate(CommandContext& ctx, const Command& command)
{
    if (auto no = ctx.requireEverywhere(Permission::CatalogEdit))
        return std::unexpected(*no);
    if (auto no = newEntity(command, "product"))
        return std::unexpected(*no);
    auto fields = ctx.fields(command.data, ProductFields);
    if (!fields)
        return std::unexpected(fields.error());
    for (const FieldSpec* required : {&Sku, &Name, &Price, &Tax})
        if (!find(*fields, *required))
            return std::unexpected(badRequest(
                QStringLiteral("A new product needs its %1.").arg(QLatin1String(required->label))));
    QJsonObject product{{QStringLiteral("cost_minor"), 0},
                        {QStringLiteral("category_id"), QJsonValue::Null},
                        {QStringLiteral("barcodes"), QJsonArray()},
                        {QStringLiteral("active"), true},
                        {QStringLiteral("sold_by_weight"), false}};
    for (const FieldValue& f : *fields)
        product.insert(QLatin1String(f.spec->name), f.json);
    if (const QStringList problems = checkProduct(product); !problems.isEmpty())
        return std::unexpected(invalid(QStringLiteral("product"), problems));
    if (auto no = skuFree(ctx, find(*fields, Sku), command.id))
        return std::unexpected(*no);
    if (auto no = barcodesFree(ctx, find(*fields, Barcodes), command.id))
        return std::unexpected(*no);
    auto r = ctx.pg().exec(
        "INSERT INTO pos.products (company_id, id, sku, name, price_minor, cost_minor, "
        "tax_class_id, category_id, barcodes, active, sold_by_weight) VALUES ($1::uuid, "
        "$2::uuid, $3, $4, $5::bigint, $6::bigint, $7::uuid, $8::uuid, "
        "ARRAY(SELECT jsonb_array_elements_text($9::jsonb)), $10::boolean, $11::boolean)",
        {ctx.who().companyId.toUtf8(), command.id.toLower().toUtf8(),
         product.value(QStringLiteral("sku")).toString().toUtf8(),
         product.value(QStringLiteral("name")).toString().toUtf8(),
         QByteArray::number(product.value(QStringLiteral("price_minor")).toInteger()),
         QByteArray::number(product.value(QStringLiteral("cost_minor")).toInteger()),
         product.value(QStringLiteral("tax_class_id")).toString().toUtf8(),
         product.value(QStringLiteral("category_id")).isNull()
             ? QByteArray()
             : product.value(QStringLiteral("category_id")).toString().toUtf8(),
         QJsonDocument(product.value(QStringLiteral("barcodes")).toArray())
             .toJson(QJsonDocument::Compact),
         product.value(QStringLiteral("active")).toBool() ? "true" : "false",
         product.value(QStringLiteral("sold_by_weight")).toBool() ? "true" : "false"});
    if (!r)
        return std::unexpected(
            ctx.databaseError(r.error(), QStringLiteral("A product with this id exists already.")));
    const QString id = command.id.toLower();
    if (auto no = ctx.appendChange({}, QStringLiteral("product"), id, 1))
        return std::unexpected(*no);
    return Applied{id, 1, QStringLiteral("product:") + id, product.keys()};
}

ApiResult<Applied> productUpdate(CommandContext& ctx, const Command& command)
{
    if (auto no = ctx.requireEverywhere(Permission::CatalogEdit))
        return std::unexpected(*no);
    if (!validUuid(command.id))
        return std::unexpected(badRequest(QStringLiteral("A product's id is a UUID.")));
    const QString id = command.id.toLower();
    auto fields = ctx.fields(command.data, ProductFields);
    if (!fields)
        return std::unexpected(fields.error());
    if (fields->isEmpty())
        return std::unexpected(badRequest(QStringLiteral("The edit changes nothing.")));
    auto row = ctx.pg().exec("SELECT (to_jsonb(p) || jsonb_build_object('tax_code', t.code, "
                             "'category_name', c.name))::text, p.version FROM pos.products p "
                             "JOIN pos.tax_classes t ON t.id = p.tax_class_id "
                             "LEFT JOIN pos.categories c ON c.id = p.category_id "
                             "WHERE p.id = $1::uuid FOR UPDATE OF p",
                             {id.toUtf8()});
    if (!row)
        return std::unexpected(ctx.databaseError(row.error()));
    if (row->rows() == 0)
        return std::unexpected(notFound(QStringLiteral("There is no such product.")));
    const QJsonObject current = QJsonDocument::fromJson(row->value(0, 0)).object();
    const qint64 version = row->integer(0, 1);
    if (version != command.baseVersion)
        return std::unexpected(ctx.stale(
            QStringLiteral("product:") + id,
            quoted(current.value(QStringLiteral("name")).toString()), command.baseVersion, version,
            [&](const QString& f) { return productValue(current, f); }, labelsOf(ProductFields)));
    QJsonObject merged = current;
    for (const FieldValue& f : *fields)
        merged.insert(QLatin1String(f.spec->name), f.json);
    if (const QStringList problems = checkProduct(merged); !problems.isEmpty())
        return std::unexpected(invalid(QStringLiteral("product"), problems));
    const QStringList changed = changedFields(current, *fields);
    if (changed.isEmpty())
        return Applied{id, version, QStringLiteral("product:") + id, {}};
    if (auto no = skuFree(
            ctx, changed.contains(QStringLiteral("sku")) ? find(*fields, Sku) : nullptr, id))
        return std::unexpected(*no);
    if (auto no = barcodesFree(ctx, find(*fields, Barcodes), id))
        return std::unexpected(*no);
    auto next = updateRow(ctx, "products", id, *fields, changed, ", updated_at = now()");
    if (!next)
        return std::unexpected(next.error());
    if (auto no = ctx.appendChange({}, QStringLiteral("product"), id, *next))
        return std::unexpected(*no);
    return Applied{id, *next, QStringLiteral("product:") + id, changed};
}

ApiResult<Applied> taxClassCreate(CommandContext& ctx, const Command& command)
{
    if (auto no = ctx.requireEverywhere(Permission::CatalogEdit))
        return std::unexpected(*no);
    if (auto no = newEntity(command, "tax class"))
        return std::unexpected(*no);
    auto fields = ctx.fields(command.data, TaxFields);
    if (!fields)
        return std::unexpected(fields.error());
    const FieldValue* codeField = find(*fields, TaxCode);
    const FieldValue* nameField = find(*fields, TaxName);
    const FieldValue* rateField = find(*fields, Rate);
    const FieldValue* inclusiveField = find(*fields, Inclusive);
    if (!codeField || !nameField || !rateField || !inclusiveField)
        return std::unexpected(badRequest(
            QStringLiteral("A new tax class needs its code, name, rate_ppm and inclusive.")));
    const QString code = codeField->json.toString();
    if (code.size() > 16)
        return std::unexpected(badRequest(QStringLiteral("A tax code is at most 16 characters.")));
    const QString id = command.id.toLower();
    auto r = ctx.pg().exec("INSERT INTO pos.tax_classes (company_id, id, code, name, rate_ppm, "
                           "inclusive) VALUES ($1::uuid, $2::uuid, $3, $4, $5::integer, "
                           "$6::boolean)",
                           {ctx.who().companyId.toUtf8(), id.toUtf8(), code.toUtf8(),
                            nameField->param, rateField->param, inclusiveField->param});
    if (!r)
        return std::unexpected(ctx.databaseError(
            r.error(), QStringLiteral("The tax code %1 is taken (or this id exists already).")
                           .arg(quoted(code))));
    if (auto no = ctx.appendChange({}, QStringLiteral("tax_class"), id, 1))
        return std::unexpected(*no);
    return Applied{id, 1, QStringLiteral("tax_class:") + id, command.data.keys()};
}

ApiResult<Applied> taxClassUpdate(CommandContext& ctx, const Command& command)
{
    if (auto no = ctx.requireEverywhere(Permission::CatalogEdit))
        return std::unexpected(*no);
    if (!validUuid(command.id))
        return std::unexpected(badRequest(QStringLiteral("A tax class's id is a UUID.")));
    const QString id = command.id.toLower();
    auto fields = ctx.fields(command.data, TaxFields);
    if (!fields)
        return std::unexpected(fields.error());
    if (fields->isEmpty())
        return std::unexpected(badRequest(QStringLiteral("The edit changes nothing.")));
    if (const FieldValue* code = find(*fields, TaxCode); code && code->json.toString().size() > 16)
        return std::unexpected(badRequest(QStringLiteral("A tax code is at most 16 characters.")));
    auto row = ctx.pg().exec("SELECT to_jsonb(t)::text, t.version FROM pos.tax_classes t "
                             "WHERE t.id = $1::uuid FOR UPDATE",
                             {id.toUtf8()});
    if (!row)
        return std::unexpected(ctx.databaseError(row.error()));
    if (row->rows() == 0)
        return std::unexpected(notFound(QStringLiteral("There is no such tax class.")));
    const QJsonObject current = QJsonDocument::fromJson(row->value(0, 0)).object();
    const qint64 version = row->integer(0, 1);
    if (version != command.baseVersion)
        return std::unexpected(ctx.stale(
            QStringLiteral("tax_class:") + id,
            QStringLiteral("tax class ") + quoted(current.value(QStringLiteral("code")).toString()),
            command.baseVersion, version,
            [&](const QString& f) {
                const QJsonValue v = current.value(f);
                if (f == u"rate_ppm")
                    return ppmText(v.toInteger());
                if (v.isBool())
                    return v.toBool() ? QStringLiteral("yes") : QStringLiteral("no");
                return quoted(v.toString());
            },
            labelsOf(TaxFields)));
    const QStringList changed = changedFields(current, *fields);
    if (changed.isEmpty())
        return Applied{id, version, QStringLiteral("tax_class:") + id, {}};
    auto next = updateRow(ctx, "tax_classes", id, *fields, changed);
    if (!next)
        return std::unexpected(next.error());
    if (auto no = ctx.appendChange({}, QStringLiteral("tax_class"), id, *next))
        return std::unexpected(*no);
    return Applied{id, *next, QStringLiteral("tax_class:") + id, changed};
}

ApiResult<Applied> categoryCreate(CommandContext& ctx, const Command& command)
{
    if (auto no = ctx.requireEverywhere(Permission::CatalogEdit))
        return std::unexpected(*no);
    if (auto no = newEntity(command, "category"))
        return std::unexpected(*no);
    auto fields = ctx.fields(command.data, {&CategoryName});
    if (!fields)
        return std::unexpected(fields.error());
    if (fields->isEmpty())
        return std::unexpected(badRequest(QStringLiteral("A new category needs its name.")));
    const QString name = fields->first().json.toString();
    if (name.size() > ProductWriter::MaxCategoryLength)
        return std::unexpected(badRequest(QStringLiteral("A category name is at most %1 "
                                                         "characters.")
                                              .arg(ProductWriter::MaxCategoryLength)));
    const QString id = command.id.toLower();
    auto r = ctx.pg().exec("INSERT INTO pos.categories (company_id, id, name) "
                           "VALUES ($1::uuid, $2::uuid, $3)",
                           {ctx.who().companyId.toUtf8(), id.toUtf8(), name.toUtf8()});
    if (!r)
        return std::unexpected(ctx.databaseError(
            r.error(), QStringLiteral("There is a category %1 already (or this id exists).")
                           .arg(quoted(name))));
    if (auto no = ctx.appendChange({}, QStringLiteral("category"), id, 1))
        return std::unexpected(*no);
    return Applied{id, 1, QStringLiteral("category:") + id, {QStringLiteral("name")}};
}

} // namespace pos::server::commands
