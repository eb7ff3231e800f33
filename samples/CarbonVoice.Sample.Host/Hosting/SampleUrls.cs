namespace CarbonVoice.Sample.Host.Hosting;

/// <summary>
/// The address the host listens on when nothing chooses one: <c>http://localhost:8000</c>. <c>--urls</c>,
/// <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c> / <c>HTTP_PORTS</c> (and their HTTPS twins) and Kestrel endpoints in
/// configuration all win over it (the launch profile sets none, so that <c>dotnet run</c> does not pin the port either).
/// </summary>
internal static class SampleUrls
{
    public const string Default = "http://localhost:8000";

    /// <summary>The default address, or null when the configuration already chooses one.</summary>
    public static string? DefaultUnlessConfigured(IConfiguration configuration)
    {
        var chosen = new[] { WebHostDefaults.ServerUrlsKey, WebHostDefaults.HttpPortsKey, WebHostDefaults.HttpsPortsKey }
            .Any(key => !string.IsNullOrWhiteSpace(configuration[key]))
            || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
        return chosen ? null : Default;
    }
}
