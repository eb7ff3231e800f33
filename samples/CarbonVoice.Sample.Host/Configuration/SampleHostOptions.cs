namespace CarbonVoice.Sample.Host.Configuration;

/// <summary>Settings of the sample host itself (section <c>Sample</c>).</summary>
public sealed class SampleHostOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Sample";

    /// <summary>The SQLite file, relative to the content root unless absolute.</summary>
    public string DatabasePath { get; set; } = "carbonvoice-sample.db";

    /// <summary>Where ASP.NET Core Data Protection keeps its key ring (relative to the content root unless absolute).</summary>
    public string DataProtectionKeysPath { get; set; } = "carbonvoice-sample-keys";

    /// <summary>How long an OAuth <c>state</c> stays valid.</summary>
    public TimeSpan OAuthStateLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Where the browser goes after a successful OAuth callback (<c>?connected={id}</c> is appended).</summary>
    public string OAuthReturnUrl { get; set; } = "/";

    /// <summary>Whether a successful sync is followed by an ingestion (so chunks appear without a second click).</summary>
    public bool IngestAfterSync { get; set; } = true;

    /// <summary>How long an identical webhook delivery is remembered (replays inside it are processed once).</summary>
    public TimeSpan WebhookReplayWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long a sync or ingestion start waits for the run to be recorded before answering 503.</summary>
    public TimeSpan RunStartTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether the host, at start-up, resumes the syncs and ingestions a previous process left unfinished (killed, or
    /// stopped while they ran): it waits for their leases to lapse, marks them interrupted and runs them again from their
    /// checkpoints. On by default.
    /// </summary>
    public bool ResumeInterruptedRuns { get; set; } = true;
}
