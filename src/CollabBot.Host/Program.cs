using CollabBot.Host;
using CollabBot.Host.Cli;
using CollabBot.Host.Crm;
using CollabBot.Host.Delivery;
using CollabBot.Host.Digest;
using CollabBot.Host.Jobs;
using CollabBot.Host.Legal;
using CollabBot.Host.Network;
using CollabBot.Host.Privacy;
using CollabBot.Host.Storage;
using CollabBot.Host.Telemetry;
using CollabBot.Slack;
using CollabBot.Teams;

if (CliVerbs.IsVerb(args)) return await CliVerbs.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.Logging.KeepSecretsOutOfLogs();
builder.AddRequestLimits();
builder.Services.AddCallerOrigins(builder.Configuration);
builder.Services.AddQuietErrors();
builder.Services.AddCollabStorage(builder.Configuration);
builder.Services.AddCollabDataProtection(builder.Configuration);
builder.Services.AddCollabCore();
builder.Services.AddDigestLinks(builder.Configuration);
builder.Services.AddExportLinks(builder.Configuration);
builder.Services.AddLegalPages(builder.Configuration);
builder.Services.AddCrm(builder.Configuration);
builder.Services.AddSlack(builder.Configuration);
builder.Services.AddTeams(builder.Configuration);
builder.Services.AddOutboxPump(builder.Configuration);
builder.Services.AddCollabJobs(builder.Configuration);
builder.Services.AddCollabMetrics(builder.Configuration);

var app = builder.Build();
if (app.Services.GetRequiredService<StorageOptions>().MigrateOnStartup) await app.Services.MigrateAsync();

app.UseCallerOrigins();
app.UseCollabMetrics();
app.MapHealth();
app.MapSlack();
app.MapTeams();
app.MapCollabJobs();
app.MapDigestPages();
app.MapExportDownloads();
app.MapLegalPages();
app.MapCrm();

await app.RunAsync();
return 0;
