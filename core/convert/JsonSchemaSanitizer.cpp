#include "convert/JsonSchemaSanitizer.h"

#include <QJsonArray>
#include <QSet>

namespace {

using Dialect = ConversionProfile::SchemaDialect;

// Keywords whose value is one schema.
bool isSchemaKeyword(const QString &key)
{
    static const QSet<QString> keys {QStringLiteral("items"), QStringLiteral("additionalProperties"),
        QStringLiteral("not"), QStringLiteral("contains"), QStringLiteral("if"), QStringLiteral("then"),
        QStringLiteral("else"), QStringLiteral("additionalItems"), QStringLiteral("unevaluatedItems"),
        QStringLiteral("unevaluatedProperties")};
    return keys.contains(key);
}

// Keywords whose value is a map of name -> schema.
bool isSchemaMapKeyword(const QString &key)
{
    return key == QLatin1String("properties") || key == QLatin1String("patternProperties")
        || key == QLatin1String("dependentSchemas") || key == QLatin1String("$defs")
        || key == QLatin1String("definitions");
}

// Keywords whose value is an array of schemas.
bool isSchemaArrayKeyword(const QString &key)
{
    return key == QLatin1String("anyOf") || key == QLatin1String("oneOf") || key == QLatin1String("allOf")
        || key == QLatin1String("prefixItems");
}

bool droppedInStandard(const QString &key)
{
    static const QSet<QString> keys {QStringLiteral("$schema"), QStringLiteral("$id"), QStringLiteral("$comment"),
        QStringLiteral("propertyNames"), QStringLiteral("$defs"), QStringLiteral("definitions"),
        QStringLiteral("$anchor"), QStringLiteral("$dynamicRef"), QStringLiteral("$dynamicAnchor"),
        QStringLiteral("$vocabulary")};
    return keys.contains(key);
}

bool keptInStrict(const QString &key)
{
    static const QSet<QString> keys {QStringLiteral("type"), QStringLiteral("properties"), QStringLiteral("required"),
        QStringLiteral("items"), QStringLiteral("enum"), QStringLiteral("description"), QStringLiteral("nullable"),
        QStringLiteral("anyOf"), QStringLiteral("minimum"), QStringLiteral("maximum"), QStringLiteral("minItems"),
        QStringLiteral("maxItems"), QStringLiteral("format")};
    return keys.contains(key);
}

class Sanitizer
{
public:
    Sanitizer(Dialect dialect, const QJsonObject &root)
        : m_dialect(dialect)
    {
        m_defs = root.value(QStringLiteral("$defs")).toObject();
        const QJsonObject definitions = root.value(QStringLiteral("definitions")).toObject();
        for (auto it = definitions.begin(); it != definitions.end(); ++it)
            m_legacyDefs.insert(it.key(), it.value());
    }

    QJsonObject clean(const QJsonObject &schema, int depth, int refDepth)
    {
        if (depth > JsonSchemaSanitizer::kMaxDepth)
            return QJsonObject();
        QJsonObject in = schema;
        if (m_dialect != Dialect::Permissive && in.contains(QStringLiteral("$ref"))) {
            const QJsonObject target = resolve(in.value(QStringLiteral("$ref")).toString());
            in.remove(QStringLiteral("$ref"));
            if (!target.isEmpty() && refDepth < 8) {
                // Sibling keywords (a description next to the $ref) win over the referenced schema's.
                QJsonObject merged = target;
                for (auto it = in.begin(); it != in.end(); ++it)
                    merged.insert(it.key(), it.value());
                return clean(merged, depth + 1, refDepth + 1);
            }
        }
        if (m_dialect == Dialect::Strict)
            in = flattenForStrict(in);

        QJsonObject out;
        for (auto it = in.begin(); it != in.end(); ++it) {
            const QString key = it.key();
            if (key == QLatin1String("$schema"))
                continue;
            if (m_dialect != Dialect::Permissive && droppedInStandard(key))
                continue;
            if (m_dialect == Dialect::Strict && !keptInStrict(key))
                continue;
            const QJsonValue value = it.value();
            if (isSchemaMapKeyword(key)) {
                if (!value.isObject())
                    continue;
                QJsonObject map;
                const QJsonObject members = value.toObject();
                for (auto m = members.begin(); m != members.end(); ++m)
                    map.insert(m.key(), cleanValue(m.value(), depth + 1, refDepth));
                out.insert(key, map);
            } else if (isSchemaArrayKeyword(key)) {
                if (!value.isArray())
                    continue;
                QJsonArray list;
                for (const QJsonValue &member : value.toArray())
                    list.append(cleanValue(member, depth + 1, refDepth));
                out.insert(key, list);
            } else if (isSchemaKeyword(key)) {
                if (value.isObject()) {
                    out.insert(key, clean(value.toObject(), depth + 1, refDepth));
                } else if (value.isArray() && key == QLatin1String("items")) {
                    if (m_dialect == Dialect::Strict) {
                        const QJsonArray tuple = value.toArray();
                        if (!tuple.isEmpty())
                            out.insert(key, cleanValue(tuple.first(), depth + 1, refDepth));
                    } else {
                        QJsonArray list;
                        for (const QJsonValue &member : value.toArray())
                            list.append(cleanValue(member, depth + 1, refDepth));
                        out.insert(key, list);
                    }
                } else if (value.isBool()) {
                    out.insert(key, value);
                }
            } else if (key == QLatin1String("required")) {
                if (value.isArray())
                    out.insert(key, uniqueStrings(value.toArray()));
            } else if (key == QLatin1String("format") && m_dialect == Dialect::Strict) {
                const QString format = value.toString();
                if (format == QLatin1String("date-time") || format == QLatin1String("enum"))
                    out.insert(key, value);
            } else {
                out.insert(key, value);
            }
        }
        if (m_dialect == Dialect::Strict)
            finishStrict(out);
        return out;
    }

    QJsonValue cleanValue(const QJsonValue &value, int depth, int refDepth)
    {
        if (value.isObject())
            return clean(value.toObject(), depth, refDepth);
        if (value.isBool())
            return m_dialect == Dialect::Strict ? QJsonValue(QJsonObject()) : value;
        return QJsonObject();
    }

private:
    QJsonObject resolve(const QString &ref) const
    {
        static const QString defsPrefix = QStringLiteral("#/$defs/");
        static const QString definitionsPrefix = QStringLiteral("#/definitions/");
        if (ref.startsWith(defsPrefix))
            return m_defs.value(ref.mid(defsPrefix.size())).toObject();
        if (ref.startsWith(definitionsPrefix))
            return m_legacyDefs.value(ref.mid(definitionsPrefix.size())).toObject();
        return QJsonObject();
    }

    // Strict targets know no oneOf/allOf and no type arrays.
    static QJsonObject flattenForStrict(QJsonObject in)
    {
        if (in.contains(QStringLiteral("oneOf"))) {
            if (!in.contains(QStringLiteral("anyOf")))
                in.insert(QStringLiteral("anyOf"), in.value(QStringLiteral("oneOf")));
            in.remove(QStringLiteral("oneOf"));
        }
        if (in.contains(QStringLiteral("allOf"))) {
            const QJsonArray members = in.value(QStringLiteral("allOf")).toArray();
            in.remove(QStringLiteral("allOf"));
            QJsonObject properties = in.value(QStringLiteral("properties")).toObject();
            QJsonArray required = in.value(QStringLiteral("required")).toArray();
            for (const QJsonValue &member : members) {
                const QJsonObject part = member.toObject();
                const QJsonObject partProperties = part.value(QStringLiteral("properties")).toObject();
                for (auto it = partProperties.begin(); it != partProperties.end(); ++it)
                    properties.insert(it.key(), it.value());
                for (const QJsonValue &name : part.value(QStringLiteral("required")).toArray())
                    required.append(name);
                for (auto it = part.begin(); it != part.end(); ++it) {
                    if (it.key() != QLatin1String("properties") && it.key() != QLatin1String("required")
                        && !in.contains(it.key()))
                        in.insert(it.key(), it.value());
                }
            }
            if (!properties.isEmpty())
                in.insert(QStringLiteral("properties"), properties);
            if (!required.isEmpty())
                in.insert(QStringLiteral("required"), required);
        }
        const QJsonValue type = in.value(QStringLiteral("type"));
        if (type.isArray()) {
            QString single;
            bool nullable = false;
            for (const QJsonValue &t : type.toArray()) {
                if (t.toString() == QLatin1String("null"))
                    nullable = true;
                else if (single.isEmpty())
                    single = t.toString();
            }
            if (single.isEmpty())
                in.remove(QStringLiteral("type"));
            else
                in.insert(QStringLiteral("type"), single);
            if (nullable)
                in.insert(QStringLiteral("nullable"), true);
        }
        return in;
    }

    static void finishStrict(QJsonObject &out)
    {
        if (!out.contains(QStringLiteral("type")) && out.contains(QStringLiteral("properties")))
            out.insert(QStringLiteral("type"), QStringLiteral("object"));
        if (out.contains(QStringLiteral("required")) && out.value(QStringLiteral("properties")).isObject()) {
            const QJsonObject properties = out.value(QStringLiteral("properties")).toObject();
            QJsonArray kept;
            for (const QJsonValue &name : out.value(QStringLiteral("required")).toArray()) {
                if (properties.contains(name.toString()))
                    kept.append(name);
            }
            out.insert(QStringLiteral("required"), kept);
        }
    }

    static QJsonArray uniqueStrings(const QJsonArray &list)
    {
        QJsonArray out;
        QSet<QString> seen;
        for (const QJsonValue &value : list) {
            if (!value.isString() || seen.contains(value.toString()))
                continue;
            seen.insert(value.toString());
            out.append(value);
        }
        return out;
    }

    Dialect m_dialect;
    QJsonObject m_defs;
    QJsonObject m_legacyDefs;
};

} // namespace

QJsonObject JsonSchemaSanitizer::sanitize(const QJsonValue &inputSchema, ConversionProfile::SchemaDialect dialect)
{
    const QJsonObject root = inputSchema.toObject();
    Sanitizer sanitizer(dialect, root);
    QJsonObject out = sanitizer.clean(root, 0, 0);
    if (dialect != Dialect::Permissive) {
        // Not even Anthropic accepts combinators at the top level; OpenAI-style providers want a plain object.
        out.remove(QStringLiteral("anyOf"));
        out.remove(QStringLiteral("oneOf"));
        out.remove(QStringLiteral("allOf"));
    }
    out.insert(QStringLiteral("type"), QStringLiteral("object"));
    if (!out.value(QStringLiteral("properties")).isObject())
        out.insert(QStringLiteral("properties"), QJsonObject());
    return out;
}
