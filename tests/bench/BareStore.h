#pragma once

// The "floor" of every benchmark: the same work done with bare SQLCipher calls on a second
// connection to the same file, with the same key and pragmas, and nothing of ours in between.

#include "crypto/SecretBytes.h"

#include <QByteArray>
#include <QString>
#include <sqlite3.h>
#include <stdexcept>
#include <string>

namespace pos::bench {

class BareStore {
public:
    BareStore(const QString& path, const SecretBytes& key)
    {
        const QByteArray p = path.toLocal8Bit();
        check(sqlite3_open_v2(p.constData(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                              nullptr));
        SecretBytes hex = key.toHex();
        std::string raw =
            "x'" + std::string(reinterpret_cast<const char*>(hex.data()), hex.size()) + "'";
        check(sqlite3_key(m_db, raw.data(), static_cast<int>(raw.size())));
        std::fill(raw.begin(), raw.end(), '\0');
        exec("PRAGMA cipher_page_size = 4096; PRAGMA kdf_iter = 64000; PRAGMA cipher_use_hmac = ON;"
             "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
             "PRAGMA temp_store = MEMORY; PRAGMA secure_delete = ON;");
    }
    ~BareStore()
    {
        for (auto* s : m_stmts)
            sqlite3_finalize(s);
        sqlite3_close_v2(m_db);
    }
    BareStore(const BareStore&) = delete;
    BareStore& operator=(const BareStore&) = delete;

    void exec(const char* sql) { check(sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr)); }
    sqlite3_stmt* prepare(const char* sql)
    {
        sqlite3_stmt* s = nullptr;
        check(sqlite3_prepare_v2(m_db, sql, -1, &s, nullptr));
        m_stmts.push_back(s);
        return s;
    }
    sqlite3* handle() const { return m_db; }
    void check(int rc) const
    {
        if (rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
            throw std::runtime_error(sqlite3_errmsg(m_db));
    }

private:
    sqlite3* m_db = nullptr;
    std::vector<sqlite3_stmt*> m_stmts;
};

} // namespace pos::bench
