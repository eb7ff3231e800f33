using System.Text.Json.Serialization;

namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// The source-generated serializer context of every model (the generator needs them on one declaration).
/// Property names are snake_case on the wire; timestamps accept ISO strings and epoch numbers.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    PropertyNameCaseInsensitive = true,
    Converters = [typeof(FlexibleDateTimeOffsetConverter)])]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(CarbonVoiceToken))]
// OAuth
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(AuthorizationServerMetadata))]
[JsonSerializable(typeof(UserInfo))]
// Workspaces
[JsonSerializable(typeof(Workspace))]
[JsonSerializable(typeof(LegacyWorkspace))]
[JsonSerializable(typeof(ApiList<Workspace>))]
[JsonSerializable(typeof(ApiList<LegacyWorkspace>))]
[JsonSerializable(typeof(CreateWorkspaceRequest))]
// Conversations
// Messages
[JsonSerializable(typeof(Message))]
[JsonSerializable(typeof(LegacyMessage))]
[JsonSerializable(typeof(ApiList<Message>))]
[JsonSerializable(typeof(ApiList<LegacyMessage>))]
[JsonSerializable(typeof(ApiList<MessageIdEntry>))]
[JsonSerializable(typeof(MessagesByIdsBody))]
[JsonSerializable(typeof(MessagesByDateBody))]
[JsonSerializable(typeof(MessageSearchBody))]
// CarbonLinks
// Users
// ActionItems
// DataExports
// Webhooks
[JsonSerializable(typeof(WebhookEvent))]
[JsonSerializable(typeof(WebhookMessage))]
internal sealed partial class CarbonVoiceJsonContext : JsonSerializerContext
{
}
