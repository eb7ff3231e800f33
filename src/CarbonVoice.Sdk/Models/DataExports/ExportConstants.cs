namespace CarbonVoice.Sdk;

/// <summary>The statuses of an <see cref="ExportJob"/>.</summary>
public static class ExportJobStatuses
{
    /// <summary>Queued.</summary>
    public const string Pending = "pending";

    /// <summary>Running.</summary>
    public const string Processing = "processing";

    /// <summary>Finished: <see cref="ExportJob.DownloadUrl"/> is set.</summary>
    public const string Done = "done";

    /// <summary>Failed: <see cref="ExportJob.Error"/> says why.</summary>
    public const string Failed = "failed";
}

/// <summary>The types of an <see cref="ExportJob"/>.</summary>
public static class ExportJobTypes
{
    /// <summary>An export of conversations and their messages.</summary>
    public const string Conversations = "conversations";

    /// <summary>An export of users.</summary>
    public const string Users = "users";
}

/// <summary>The file formats of a data export.</summary>
public static class ExportFormats
{
    /// <summary>JSON.</summary>
    public const string Json = "json";

    /// <summary>CSV.</summary>
    public const string Csv = "csv";
}
