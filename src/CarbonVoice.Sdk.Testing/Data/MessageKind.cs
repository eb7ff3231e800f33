namespace CarbonVoice.Sdk.Testing;

internal enum MessageKind : byte
{
    Audio,
    Text,
    Attachment,
}
