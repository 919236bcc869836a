/** Accounts and access: users, passwords, JWTs, and the permission rules shared by REST and the hub. */
package io.pma.auth;
