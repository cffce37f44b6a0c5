-- What the app caches (groups, villages' rules, limits, rumour watches) announces its
-- changes: every statement that writes these tables notifies the channel
-- `baogong_config` (delivered on commit) with the schema and table, and each process
-- listening drops its cached copies (src/app/config-cache.ts). A group's ackSentAt,
-- written with every acknowledgement, is not configuration: only the columns a
-- message's handling reads from the group notify.
CREATE OR REPLACE FUNCTION "baogong_config_changed"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM pg_notify('baogong_config', TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME);
  RETURN NULL;
END
$fn$;

CREATE TRIGGER "Village_config" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Village" FOR EACH STATEMENT EXECUTE FUNCTION "baogong_config_changed"();
CREATE TRIGGER "Grid_config" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Grid" FOR EACH STATEMENT EXECUTE FUNCTION "baogong_config_changed"();
CREATE TRIGGER "Limit_config" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Limit" FOR EACH STATEMENT EXECUTE FUNCTION "baogong_config_changed"();
CREATE TRIGGER "RumourWatch_config" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "RumourWatch" FOR EACH STATEMENT EXECUTE FUNCTION "baogong_config_changed"();
CREATE TRIGGER "ChatGroup_config" AFTER INSERT OR DELETE OR TRUNCATE ON "ChatGroup" FOR EACH STATEMENT EXECUTE FUNCTION "baogong_config_changed"();
CREATE TRIGGER "ChatGroup_config_update" AFTER UPDATE OF "platform", "chatId", "title", "villageId", "gridId", "isOfficials", "active" ON "ChatGroup" FOR EACH STATEMENT EXECUTE FUNCTION "baogong_config_changed"();
