package dev.spoq.cloud.it.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The IT server's own database, for what only time changes (a sign-up 49 hours ago, a link an hour old) and for
 * reading what no API shows (the audit log's rows of a deleted account).
 */
public final class ItDatabase {

    private ItDatabase() {
    }

    public static int update(String sql, Object... params) {
        try (Connection db = connect(); PreparedStatement statement = prepared(db, sql, params)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Each row's columns as text. */
    public static List<List<String>> rows(String sql, Object... params) {
        try (Connection db = connect(); PreparedStatement statement = prepared(db, sql, params);
             ResultSet result = statement.executeQuery()) {
            List<List<String>> rows = new ArrayList<>();
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(result.getString(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static PreparedStatement prepared(Connection db, String sql, Object... params) throws SQLException {
        PreparedStatement statement = db.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
        return statement;
    }

    private static Connection connect() throws SQLException {
        String url = "jdbc:postgresql://127.0.0.1:" + System.getProperty("spoq.it.db.port", "15433") + "/postgres";
        return DriverManager.getConnection(url, "postgres", "");
    }
}
