using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CollabBot.Host.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OutboxUpdatesKeyIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Outbox_UpdatesKey",
                table: "Outbox",
                column: "UpdatesKey");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Outbox_UpdatesKey",
                table: "Outbox");
        }
    }
}
