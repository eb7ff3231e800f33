namespace CarbonVoice.Sdk.Testing;

/// <summary>
/// A file attached to a message. Generated attachments make their bytes on read from (seed, type); attachments added
/// through the control API keep theirs. <see cref="LengthInBytes"/> is always the length of <see cref="Content"/>.
/// </summary>
internal sealed class AttachmentRecord
{
    private readonly byte[]? _content;
    private readonly int _seed;
    private readonly int _generatedLength;

    private AttachmentRecord(string id, MessageRecord message, string filename, string mimeType, long createdMs, byte[]? content, int seed, int generatedLength)
    {
        Id = id;
        Message = message;
        Filename = filename;
        MimeType = mimeType;
        CreatedMs = createdMs;
        _content = content;
        _seed = seed;
        _generatedLength = generatedLength;
    }

    public string Id { get; }
    public MessageRecord Message { get; }
    public string Filename { get; }
    public string MimeType { get; }
    public long CreatedMs { get; }
    public UserRecord Creator => Message.Creator;

    public long LengthInBytes => _content?.Length ?? _generatedLength;

    /// <summary>Whether the file is a text document (plain text, markdown, CSV, JSON, HTML).</summary>
    public bool IsText => AttachmentContent.IsText(MimeType);

    /// <summary>The file's bytes, as the signed URL serves them.</summary>
    public byte[] Content() => _content ?? AttachmentContent.Generate(_seed, MimeType, Filename, _generatedLength);

    /// <summary>The generated attachment of a message (<see cref="MessageRecord.HasAttachment"/>): its id is <c>{message id}_f</c>.</summary>
    public static AttachmentRecord Generated(MessageRecord message)
    {
        var (filename, mimeType) = AttachmentContent.Pick(message.TranscriptSeed);
        var seed = unchecked(message.TranscriptSeed * 31 + 17);
        return new AttachmentRecord($"{message.Id}_f", message, filename, mimeType, message.CreatedMs, null, seed, AttachmentContent.LengthOf(seed, mimeType, filename, message.TranscriptSeed));
    }

    /// <summary>An attachment with the given bytes (the control API).</summary>
    public static AttachmentRecord WithContent(string id, MessageRecord message, string filename, string mimeType, long createdMs, byte[] content)
        => new(id, message, filename, mimeType, createdMs, content, 0, content.Length);
}
