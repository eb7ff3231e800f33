using System.Globalization;
using Microsoft.Data.Sqlite;

namespace CarbonVoice.Sample.Host.Persistence;

internal static class SqliteExtensions
{
    public static SqliteCommand Command(this SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value switch
            {
                null => DBNull.Value,
                DateTimeOffset time => Text(time),
                _ => value,
            });
        }

        return command;
    }

    public static string Text(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static string? NullableString(this SqliteDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }

    public static DateTimeOffset? NullableTime(this SqliteDataReader reader, string column)
        => reader.NullableString(column) is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : null;

    public static DateTimeOffset Time(this SqliteDataReader reader, string column)
        => reader.NullableTime(column) ?? throw new InvalidOperationException($"Column {column} is null.");
}
