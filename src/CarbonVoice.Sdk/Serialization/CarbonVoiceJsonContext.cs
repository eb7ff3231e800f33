using System.Text.Json.Serialization;

namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// The source-generated serializer context of every model (the generator needs them on one declaration).
/// Property names are snake_case on the wire; timestamps accept ISO strings and epoch numbers; every string field
/// also reads a number or a boolean as its text (<see cref="ScalarStringConverter"/>).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    PropertyNameCaseInsensitive = true,
    Converters = [typeof(FlexibleDateTimeOffsetConverter), typeof(ScalarStringConverter), typeof(MessageTimecodeConverter), typeof(MessageTimecodeListConverter)])]
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
[JsonSerializable(typeof(Conversation))]
[JsonSerializable(typeof(Collaborator))]
[JsonSerializable(typeof(ConversationSummary))]
[JsonSerializable(typeof(ApiList<Conversation>))]
[JsonSerializable(typeof(ApiList<Collaborator>))]
// Messages
[JsonSerializable(typeof(Message))]
[JsonSerializable(typeof(LegacyMessage))]
[JsonSerializable(typeof(ApiList<Message>))]
[JsonSerializable(typeof(MessageV6))]
[JsonSerializable(typeof(ApiList<MessageV6>))]
[JsonSerializable(typeof(ApiList<LegacyMessage>))]
[JsonSerializable(typeof(ApiList<MessageIdEntry>))]
[JsonSerializable(typeof(MessageIdEntry))]
[JsonSerializable(typeof(MessagesByIdsBody))]
[JsonSerializable(typeof(MessagesByDateBody))]
[JsonSerializable(typeof(MessageSearchBody))]
[JsonSerializable(typeof(MessageIndexEntry))]
[JsonSerializable(typeof(ApiList<MessageIndexEntry>))]
// Share links, reactions, attachments
[JsonSerializable(typeof(MessageShareLink))]
[JsonSerializable(typeof(CreateShareLinkRequest))]
[JsonSerializable(typeof(Reaction))]
[JsonSerializable(typeof(ApiList<Reaction>))]
[JsonSerializable(typeof(AttachmentDownloadUrl))]
[JsonSerializable(typeof(ApiList<AttachmentDownloadUrl>))]
[JsonSerializable(typeof(AttachmentIdsBody))]
[JsonSerializable(typeof(string))]
// CarbonLinks
[JsonSerializable(typeof(CarbonLink))]
[JsonSerializable(typeof(CreateCarbonLinkRequest))]
[JsonSerializable(typeof(CreatePersonalCarbonLinkRequest))]
// Users
[JsonSerializable(typeof(User))]
[JsonSerializable(typeof(UserIdentity))]
[JsonSerializable(typeof(Contact))]
[JsonSerializable(typeof(UserLastSeen))]
[JsonSerializable(typeof(ApiList<Contact>))]
[JsonSerializable(typeof(ContactsBody))]
[JsonSerializable(typeof(ApiList<UserLastSeen>))]
// ActionItems
[JsonSerializable(typeof(ActionItem))]
[JsonSerializable(typeof(ApiList<ActionItem>))]
[JsonSerializable(typeof(CreateActionItemRequest))]
[JsonSerializable(typeof(UpdateActionItemRequest))]
[JsonSerializable(typeof(ActionItemStatusBody))]
// DataExports
[JsonSerializable(typeof(ExportJob))]
[JsonSerializable(typeof(ExportConversationsRequest))]
[JsonSerializable(typeof(ExportUsersRequest))]
// Webhooks
[JsonSerializable(typeof(WebhookEvent))]
[JsonSerializable(typeof(WebhookMessage))]
internal sealed partial class CarbonVoiceJsonContext : JsonSerializerContext
{
}
