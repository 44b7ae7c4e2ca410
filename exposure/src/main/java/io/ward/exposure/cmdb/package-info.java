/**
 * What the hospital knows about its devices meets what the network shows: CMMS/CMDB assets merged
 * with observed inventory devices by MAC, IP, serial and host name, every attribute the CMDB adds
 * carried as evidence ({@code cmdb:<field>}), disagreements listed as conflicts, and assets never
 * seen on the network kept as "not observed" (still matchable against advisories).
 */
package io.ward.exposure.cmdb;
