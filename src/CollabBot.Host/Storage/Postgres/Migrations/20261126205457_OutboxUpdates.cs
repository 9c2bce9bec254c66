using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CollabBot.Host.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class OutboxUpdates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "UpdatesKey",
                table: "Outbox",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "UpdatesKey",
                table: "Outbox");
        }
    }
}
