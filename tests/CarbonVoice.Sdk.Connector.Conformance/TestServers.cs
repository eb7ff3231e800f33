namespace CarbonVoice.Sdk.Connector.Tests.Conformance;

/// <summary>
/// The real servers some tests need, found through environment variables that <c>.ci/run</c> sets after starting them. Outside
/// CI a missing server skips those tests with a message naming the variable; with <c>CI=true</c> it fails them.
/// </summary>
public static class TestServers
{
    /// <summary>An Npgsql connection string to a throwaway PostgreSQL (any database: tests make their own schemas).</summary>
    public const string PostgreSqlVariable = "CARBONVOICE_TEST_POSTGRES";

    /// <summary>An Azure Storage connection string to a throwaway Azurite queue service.</summary>
    public const string AzuriteVariable = "CARBONVOICE_TEST_AZURITE";

    /// <summary>Whether this is a CI run (<c>CI=true</c>): missing servers fail instead of skipping.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The PostgreSQL connection string, or null.</summary>
    public static string? PostgreSql => Get(PostgreSqlVariable);

    /// <summary>The Azurite connection string, or null.</summary>
    public static string? Azurite => Get(AzuriteVariable);

    /// <summary>Why tests that need <paramref name="variables"/> are skipped, or null when they run (all set, or in CI).</summary>
    /// <param name="variables">The environment variables.</param>
    public static string? SkipReason(params string[] variables)
        => variables.FirstOrDefault(v => Get(v) is null) is not { } missing || IsCi
            ? null
            : $"{missing} is not set: this test needs a real server (.ci/run starts PostgreSQL and Azurite and sets it; see ../shared/README.md). Skipped outside CI only.";

    /// <summary>The value of <paramref name="variable"/>; throws with a clear message when it is missing (in CI, that fails the test).</summary>
    /// <param name="variable">The environment variable.</param>
    public static string Require(string variable)
        => Get(variable) ?? throw new InvalidOperationException($"{variable} is not set, but CI=true: .ci/run must start the server and set {variable}.");

    private static string? Get(string variable) => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : null;
}
