using System.Data.Common;
using System.Globalization;

namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>
/// Commands and reads over either database (SQLite or PostgreSQL): parameters are named <c>@name</c> (both accept it), times are
/// stored as ISO-8601 UTC text (fixed width, so they compare as text), nulls as <see cref="DBNull"/>.
/// </summary>
internal static class DbExtensions
{
    public static DbCommand Command(this DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value switch
            {
                null => DBNull.Value,
                DateTimeOffset time => Text(time),
                _ => value,
            };
            if (value is null or string or DateTimeOffset)
            {
                parameter.DbType = System.Data.DbType.String;
            }

            command.Parameters.Add(parameter);
        }

        return command;
    }

    public static string Text(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static string? NullableString(this DbDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }

    public static DateTimeOffset? NullableTime(this DbDataReader reader, string column)
        => reader.NullableString(column) is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : null;

    public static DateTimeOffset Time(this DbDataReader reader, string column)
        => reader.NullableTime(column) ?? throw new InvalidOperationException($"Column {column} is null.");

    public static long Int64(this DbDataReader reader, string column) => Convert.ToInt64(reader.GetValue(reader.GetOrdinal(column)), CultureInfo.InvariantCulture);
}
