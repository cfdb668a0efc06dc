import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { User } from './user.entity.js';

@Injectable()
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(manager: EntityManager = this.dataSource.manager) {
    return manager.getRepository(User);
  }

  /** With the password hash, for login only. */
  findCredentialsByEmail(email: string): Promise<User | null> {
    return this.repo().createQueryBuilder('user').addSelect('user.passwordHash').where('user.email = :email', { email }).getOne();
  }

  findByEmail(email: string, manager?: EntityManager): Promise<User | null> {
    return this.repo(manager).findOneBy({ email });
  }

  findById(id: string, manager?: EntityManager): Promise<User | null> {
    return this.repo(manager).findOneBy({ id });
  }

  findAll(): Promise<User[]> {
    return this.repo().find({ order: { email: 'ASC' } });
  }

  save(user: Partial<User>, manager?: EntityManager): Promise<User> {
    return this.repo(manager).save(user);
  }
}
